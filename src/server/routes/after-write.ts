import { AppError } from '../errors.ts';

/** What a committed edit answers when it took the caller's own access to the record away. */
export type AccessRevoked = { id: string; accessRevoked: true };

/**
 * The answer to an edit that has committed: the record as the caller now sees it — or, when the edit itself
 * took the caller's access away (a host from another department handing the meeting to someone else and
 * leaving its attendees), `{ id, accessRevoked: true }`. Never a 404, which would tell the caller that a
 * change they made did not happen.
 */
export async function answerAfterWrite<T>(id: string, read: () => Promise<T>): Promise<T | AccessRevoked> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return { id, accessRevoked: true };
    throw error;
  }
}
