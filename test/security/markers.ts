import { randomBytes } from 'node:crypto';

/**
 * Unique strings planted in text, each with the users allowed to read it. Finding one in what a user
 * received (a response, an export, a notification, a history entry) and that user not in its audience
 * is a leak. SECRET markers sit in sensitive topics, items and updates; COLLAB markers in a
 * collaboration's ordinary text (readers only); TENANT markers in an organisation's own names.
 */
export type MarkerKind = 'SECRET' | 'COLLAB' | 'TENANT';

export type Marker = { text: string; kind: MarkerKind; audience: Set<string>; label: string };

const pattern = /\b(SECRET|COLLAB|TENANT)-MARKER-[0-9a-f]{12}\b/g;

export type MarkerRegistry = {
  /** A new marker readable by `audience` (user ids); `label` says where it was planted, for reports. */
  plant(kind: MarkerKind, audience: Iterable<string>, label: string): string;
  /** The markers in `text` that `userId` may not read. */
  forbiddenIn(text: string, userId: string): Marker[];
  /** Every marker in `text`, known or not. */
  find(text: string): Marker[];
  get(text: string): Marker | undefined;
};

export function createMarkerRegistry(): MarkerRegistry {
  const markers = new Map<string, Marker>();
  const find = (text: string): Marker[] => {
    const found = new Map<string, Marker>();
    for (const match of text.matchAll(pattern)) {
      const known = markers.get(match[0]);
      // An unknown marker is one we did not plant: report it as readable by nobody.
      found.set(match[0], known ?? { text: match[0], kind: match[1] as MarkerKind, audience: new Set(), label: 'unknown marker' });
    }
    return [...found.values()];
  };
  return {
    plant(kind, audience, label) {
      const text = `${kind}-MARKER-${randomBytes(6).toString('hex')}`;
      markers.set(text, { text, kind, audience: new Set(audience), label });
      return text;
    },
    forbiddenIn(text, userId) {
      if (!text.includes('-MARKER-')) return [];
      return find(text).filter((m) => !m.audience.has(userId));
    },
    find,
    get: (text) => markers.get(text),
  };
}
