import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ReviewMetrics } from '../../domain/review-metrics.ts';

export type { ReviewMetrics } from '../../domain/review-metrics.ts';

/** A record a problem was found in: a topic of some minutes, or a progress update of an item. */
export type ProblemRecord = { kind: 'topic' | 'progress_update'; id: string; url: string };
export type DepartmentReview = ReviewMetrics & { id: string; name: string };
export type CollaborationReview = ReviewMetrics & { id: string; topic: string; initiatingDepartment: { id: string; name: string }; url: string };

/** GET /review: one quarter's figures for the organisation (or the departments in scope), and its recurring problems. */
export type Review = {
  quarter: string;
  start: string;
  end: string;
  /** The day the figures are taken at: today, or the quarter's last day once it is over. */
  asOf: string;
  departmentIds: string[] | null;
  rules: { staleAfterDays: number; publishWithinHours: number };
  totals: ReviewMetrics;
  departments: DepartmentReview[];
  collaborations: CollaborationReview[];
  problems: {
    tags: { tag: string; count: number; records: ProblemRecord[] }[];
    delayCodes: { code: string; label: string; count: number; records: ProblemRecord[] }[];
    phrases: { phrase: string; count: number; records: ProblemRecord[] }[];
  };
};

export const reviewKeys = { detail: (quarter: string, departmentId: string | undefined) => ['review', quarter, departmentId ?? null] as const };

export function useReview(quarter: string, departmentId?: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.detail(quarter, departmentId),
    queryFn: ({ signal }) => api.get<Review>('/review', { quarter, departmentId }, signal),
    enabled,
  });
}
