import type { Database } from '../db/client.ts';
import { CHANGES_CHANNEL, type ChangeEvent } from './change-event.ts';

export type ChangeFeed = {
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
};

/**
 * One LISTEN per process, fanned out to every connected client. Started on the first subscriber, so
 * processes that serve no live clients (CLI, workers) hold no extra connection.
 */
export function createChangeFeed(database: Database): ChangeFeed {
  const listeners = new Set<(event: ChangeEvent) => void>();
  let unlisten: Promise<() => Promise<void>> | undefined;
  const dispatch = (payload: string) => {
    let event: ChangeEvent;
    try {
      event = JSON.parse(payload) as ChangeEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      unlisten ??= database.listen(CHANGES_CHANNEL, dispatch);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      if (unlisten) await (await unlisten)();
    },
  };
}
