import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client.ts';
import { meetingKeys, updateTopic } from '../../api/meetings.ts';
import type { Meeting } from '../../api/types.ts';
import { draftFromTopic, isFullTopic, patchFromDraft, type FullTopic, type TopicDraft } from './topic-draft.ts';
import { useMinutesSaves } from './minutes-saves.tsx';

/** How long typing pauses before the topic is saved. */
export const AUTOSAVE_DELAY_MS = 1000;

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';
/** A save refused because someone saved first: who it was (null when the history does not say). */
export type Conflict = { changedBy: string | null };

type Departments = { id: string; name: string }[];

/**
 * The draft of one topic, saved by itself a moment after typing stops (and before publishing), always
 * with the version it was loaded at. A save refused because someone else saved first (409) stops
 * autosaving and reports who, so nothing is overwritten silently; `reload` takes their version.
 * Changes by others arriving live replace the draft only while it has no unsaved edits.
 */
export function useTopicAutosave(meetingId: string, topic: FullTopic, departments: Departments) {
  const queryClient = useQueryClient();
  const saves = useMinutesSaves();
  const [draft, setDraft] = useState<TopicDraft>(() => draftFromTopic(topic, departments));
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRef({
    draft,
    version: topic.version,
    departments,
    dirty: false,
    saving: null as Promise<void> | null,
    conflict: false,
    failed: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  live.current.departments = departments;

  const controller = useMemo(() => {
    const state = live.current;

    function adopt(fresh: FullTopic): void {
      clearTimeout(state.timer);
      state.draft = draftFromTopic(fresh, state.departments);
      state.version = fresh.version;
      state.dirty = false;
      state.conflict = false;
      state.failed = false;
      setDraft(state.draft);
      setConflict(null);
      setError(null);
      setStatus('saved');
    }

    function schedule(): void {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    }

    async function attempt(): Promise<void> {
      state.dirty = false;
      setStatus('saving');
      try {
        const saved = await updateTopic(topic.id, patchFromDraft(state.draft, state.version));
        if ('version' in saved && typeof saved.version === 'number') state.version = saved.version;
        state.failed = false;
        setError(null);
        setStatus(state.dirty ? 'dirty' : 'saved');
        void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
      } catch (cause) {
        state.dirty = true;
        if (isApiError(cause, 'CONFLICT') && 'changedBy' in cause.details) {
          state.conflict = true;
          const by = cause.details.changedBy as { name?: string | null } | null;
          setConflict({ changedBy: by?.name ?? null });
          setStatus('conflict');
        } else {
          state.failed = true;
          setError(isApiError(cause) ? cause.fields.map((f) => f.message).join(' ') || cause.message : String(cause));
          setStatus('error');
        }
      }
    }

    /** Saves now what is unsaved (waiting for a save under way first). */
    async function save(): Promise<void> {
      clearTimeout(state.timer);
      while (state.saving) await state.saving;
      if (!state.dirty || state.conflict) return;
      state.saving = attempt();
      try {
        await state.saving;
      } finally {
        state.saving = null;
      }
      if (state.dirty && !state.conflict && !state.failed) schedule();
    }

    /** Changes the draft; the topic is saved once typing pauses. */
    function update(change: Partial<TopicDraft> | ((current: TopicDraft) => Partial<TopicDraft>)): void {
      const patch = typeof change === 'function' ? change(state.draft) : change;
      state.draft = { ...state.draft, ...patch };
      state.dirty = true;
      state.failed = false;
      setDraft(state.draft);
      if (state.conflict) return;
      setStatus('dirty');
      schedule();
    }

    /** Drops the edits here and takes the topic as saved now (after a conflict). */
    async function reload(): Promise<void> {
      await queryClient.refetchQueries({ queryKey: meetingKeys.detail(meetingId) });
      const fresh = queryClient.getQueryData<Meeting>(meetingKeys.detail(meetingId))?.topics.find((t) => t.id === topic.id);
      if (fresh && isFullTopic(fresh)) adopt(fresh);
    }

    const hasUnsaved = () => state.dirty || Boolean(state.saving);
    const isIdle = () => !state.dirty && !state.saving && !state.conflict;
    return { adopt, save, update, reload, hasUnsaved, isIdle };
  }, [meetingId, queryClient, topic.id]);

  // Someone else's saved change, heard live: taken in while there is nothing unsaved here.
  useEffect(() => {
    if (topic.version > live.current.version && controller.isIdle()) controller.adopt(topic);
  }, [topic, controller]);

  // Publishing first saves every topic; leaving the page saves what is pending.
  useEffect(() => saves.register(topic.id, { flush: controller.save, hasUnsaved: controller.hasUnsaved }), [saves, controller, topic.id]);
  useEffect(() => () => void controller.save(), [controller]);

  return { draft, update: controller.update, status, conflict, error, reload: controller.reload, saveNow: controller.save };
}
