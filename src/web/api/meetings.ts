import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meetingWarnings } from '../../server/presenters/meeting.ts';
import type { presentMeetingListItem } from '../../server/presenters/meeting-list-item.ts';
import type { presentActionItem } from '../../server/presenters/action-item.ts';
import type { createMeetingBody, createTopicBody, meetingsQuery, patchMeetingBody, patchTopicBody } from '../../shared/schemas/meeting.ts';
import type { createActionItemBody } from '../../shared/schemas/action-item.ts';
import { api } from './client.ts';
import { collaborationKeys } from './collaborations.ts';
import type { Meeting, Page } from './types.ts';

export const meetingKeys = { detail: (id: string) => ['meetings', id] as const };

/** GET /meetings/:id: the meeting, its deadlines, minutes, action items and what publishing still needs. */
export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: ({ signal }) => api.get<Meeting>(`/meetings/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** A warning that does not refuse the change, e.g. AGENDA_LEAD_TOO_SHORT on a meeting scheduled too soon. */
export type MeetingWarning = ReturnType<typeof meetingWarnings>[number];
/** What POST /collaborations/:id/meetings and PATCH /meetings/:id answer: the meeting and its warnings. */
export type MeetingWithWarnings = Meeting & { warnings: MeetingWarning[] };
export type MeetingListItem = ReturnType<typeof presentMeetingListItem>;
export type MeetingFilters = Omit<z.input<typeof meetingsQuery>, 'limit' | 'cursor'>;
export type ScheduleMeetingInput = z.input<typeof createMeetingBody>;
export type PatchMeetingInput = z.input<typeof patchMeetingBody>;
export type CreateTopicInput = z.input<typeof createTopicBody>;
export type PatchTopicInput = z.input<typeof patchTopicBody>;
export type CreateActionItemInput = z.input<typeof createActionItemBody>;
export type CreatedActionItem = ReturnType<typeof presentActionItem>;
/** A topic as PATCH/POST answer it: the full topic, or the placeholder when it names not the caller. */
export type SavedTopic = Meeting['topics'][number];

export const meetingListKeys = {
  all: ['meetings', 'list'] as const,
  list: (filters: MeetingFilters, limit: number) => [...meetingListKeys.all, filters, limit] as const,
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

/** GET /meetings: e.g. the dashboard's "records I must publish" (role=recorder&pending=minutes). */
export function useMeetings(filters: MeetingFilters, limit = 50) {
  return useQuery({
    queryKey: meetingListKeys.list(filters, limit),
    queryFn: ({ signal }) => api.get<Page<MeetingListItem>>('/meetings', { ...filters, limit }, signal),
  });
}

/** GET /meetings with its filters, a page at a time ("load more" follows nextCursor). */
export function useMeetingPages(filters: MeetingFilters, limit = 30) {
  return useInfiniteQuery({
    queryKey: [...meetingListKeys.list(filters, limit), 'pages'],
    queryFn: ({ pageParam, signal }) => api.get<Page<MeetingListItem>>('/meetings', { ...filters, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** After any change to a meeting: its page, the lists it appears in, and its collaboration's page and history. */
function refreshAround(queryClient: QueryClient, collaborationId: string) {
  void queryClient.invalidateQueries({ queryKey: meetingListKeys.all });
  void queryClient.invalidateQueries({ queryKey: collaborationKeys.detail(collaborationId) });
  void queryClient.invalidateQueries({ queryKey: collaborationKeys.history(collaborationId) });
}

/** A mutation answering the whole meeting: the answer replaces the cached page, the rest is refetched. */
function useMeetingMutation<Input, Result extends Meeting>(request: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
      refreshAround(queryClient, meeting.collaborationId);
    },
  });
}

/** POST /collaborations/:id/meetings; the answer carries warnings such as AGENDA_LEAD_TOO_SHORT. */
export function useScheduleMeeting(collaborationId: string) {
  return useMeetingMutation((input: ScheduleMeetingInput) =>
    api.post<MeetingWithWarnings>(`/collaborations/${encodeURIComponent(collaborationId)}/meetings`, input),
  );
}

/** PATCH /meetings/:id with the loaded `version`: a stale one is refused (409 CONFLICT naming who changed it). */
/** A saved change that took the caller's own access to the meeting away (e.g. a host handing it on). */
export type MeetingAccessRevoked = { id: string; accessRevoked: true; warnings: [] };

export function useUpdateMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PatchMeetingInput) => api.patch<MeetingWithWarnings | MeetingAccessRevoked>(meetingPath(id), input),
    onSuccess: (answer) => {
      if ('accessRevoked' in answer) return;
      queryClient.setQueryData(meetingKeys.detail(answer.id), answer);
      refreshAround(queryClient, answer.collaborationId);
    },
  });
}

export function useSendAgenda(id: string) {
  return useMeetingMutation(() => api.post<Meeting>(`${meetingPath(id)}/agenda/send`));
}

export function useMarkHeld(id: string) {
  return useMeetingMutation(() => api.post<Meeting>(`${meetingPath(id)}/held`));
}

/** POST /meetings/:id/publish; 422 RECORD_INCOMPLETE carries `missing` (each part with its message). */
export function usePublishMinutes(id: string) {
  return useMeetingMutation(() => api.post<Meeting>(`${meetingPath(id)}/publish`));
}

export const createTopic = (meetingId: string, input: CreateTopicInput) => api.post<SavedTopic>(`${meetingPath(meetingId)}/topics`, input);
export const updateTopic = (topicId: string, input: PatchTopicInput) => api.patch<SavedTopic>(`/topics/${encodeURIComponent(topicId)}`, input);
export const deleteTopic = (topicId: string) => api.delete<void>(`/topics/${encodeURIComponent(topicId)}`);

/** Adds topics one after another (their order is the order given), then refreshes the meeting once. */
export function useCreateTopics(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (inputs: CreateTopicInput[]) => {
      const created: SavedTopic[] = [];
      for (const input of inputs) created.push(await createTopic(meetingId, input));
      return created;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }),
  });
}

export function useDeleteTopic(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTopic,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }),
  });
}

/** POST /collaborations/:id/action-items from the minutes: the item belongs to this meeting and, usually, one topic. */
export function useCreateMeetingActionItem(meeting: { id: string; collaborationId: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateActionItemInput) =>
      api.post<CreatedActionItem>(`/collaborations/${encodeURIComponent(meeting.collaborationId)}/action-items`, { ...input, meetingId: meeting.id }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: ['action-items'] });
      refreshAround(queryClient, meeting.collaborationId);
    },
  });
}
