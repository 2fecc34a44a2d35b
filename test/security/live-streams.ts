import type { ChangeEvent } from '../../src/server/live/change-event.ts';

export type LiveEvent = Omit<ChangeEvent, 'orgId'>;

/** One open GET /events connection over real HTTP, collecting what the server pushes to its caller. */
export type LiveStream = {
  status: number;
  /** Everything received, verbatim (for the marker scan). */
  text(): string;
  events(): LiveEvent[];
  close(): Promise<void>;
};

/**
 * Opens GET /events with the given headers and waits for the `ready` event (or the refusal). Server-sent
 * events need a real connection: `inject` would wait for a response that never ends.
 */
export async function openLiveStream(base: string, headers: Record<string, string>): Promise<LiveStream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, { headers, signal: controller.signal });
  let text = '';
  if (response.status !== 200) {
    text = await response.text();
    return { status: response.status, text: () => text, events: () => [], close: async () => {} };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by close()
    }
  })();
  const deadline = Date.now() + 10_000;
  while (!text.includes('event: ready')) {
    if (Date.now() > deadline) throw new Error('GET /events: no ready event within 10 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    status: 200,
    text: () => text,
    events: () =>
      text
        .split('\n\n')
        .filter((block) => block.startsWith('event: change'))
        .map((block) => JSON.parse(block.split('\ndata: ')[1]!) as LiveEvent),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}
