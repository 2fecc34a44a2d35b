/** The source of "now" for every rule, so rules are pure and tests can pin time. */
export type Clock = { now(): Date };

/** A clock a test can move: `set` jumps to an instant, `advance` moves forward by milliseconds. */
export type FixedClock = Clock & {
  set(instant: string | Date): void;
  advance(ms: number): void;
};

/** The real wall clock, for production wiring. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `instant` (ISO 8601 with offset, or a Date) for deterministic tests. */
export function fixedClock(instant: string | Date): FixedClock {
  let current = toEpochMs(instant);
  return {
    now: () => new Date(current),
    set(next) {
      current = toEpochMs(next);
    },
    advance(ms) {
      current += ms;
    },
  };
}

function toEpochMs(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`fixedClock: not an instant: ${String(instant)}`);
  return ms;
}
