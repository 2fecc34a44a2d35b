import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Meeting } from './types.ts';

export const meetingKeys = { detail: (id: string) => ['meetings', id] as const };

/** GET /meetings/:id: the meeting, its deadlines, minutes, action items and what publishing still needs. */
export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: ({ signal }) => api.get<Meeting>(`/meetings/${encodeURIComponent(id)}`, undefined, signal),
  });
}
