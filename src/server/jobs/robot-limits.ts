/**
 * Each platform's documented send rate per robot: DingTalk and WeCom 20 messages a minute, Feishu 5 a
 * second and 100 a minute. Webhooks and e-mail have none of their own (a webhook that wants less says
 * so with 429 + Retry-After).
 */
const limits: Record<string, { count: number; windowMs: number }[]> = {
  dingtalk: [{ count: 20, windowMs: 60_000 }],
  wecom: [{ count: 20, windowMs: 60_000 }],
  feishu: [
    { count: 5, windowMs: 1_000 },
    { count: 100, windowMs: 60_000 },
  ],
};

export type RobotLimiter = {
  /** Takes one send for the robot at `now`; answers 0 when allowed, else how long to wait. */
  take(kind: string, channelId: string, now: number): number;
  /** The robot answered "too fast": nothing more to it from this process until `until`. */
  hold(channelId: string, until: number): void;
};

/**
 * Keeps this process under each robot's rate (sliding windows), so a burst — a record published to a
 * busy group — is spread out instead of answered with 130101 / 45009 / 11232. Several workers each keep
 * their own count; when together they overshoot, the platform's answer holds the robot for everyone
 * (see recordOutcome).
 */
export function createRobotLimiter(custom: Partial<typeof limits> = {}): RobotLimiter {
  const table = { ...limits, ...custom };
  const sent = new Map<string, number[]>();
  const held = new Map<string, number>();
  return {
    take(kind, channelId, now) {
      const heldUntil = held.get(channelId) ?? 0;
      if (heldUntil > now) return heldUntil - now;
      const windows = table[kind] ?? [];
      const longest = Math.max(0, ...windows.map((w) => w.windowMs));
      const times = (sent.get(channelId) ?? []).filter((t) => t > now - longest);
      let wait = 0;
      for (const { count, windowMs } of windows) {
        const inWindow = times.filter((t) => t > now - windowMs);
        if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + windowMs - now);
      }
      if (wait > 0) {
        sent.set(channelId, times);
        return wait;
      }
      times.push(now);
      sent.set(channelId, times);
      return 0;
    },
    hold(channelId, until) {
      held.set(channelId, Math.max(held.get(channelId) ?? 0, until));
    },
  };
}
