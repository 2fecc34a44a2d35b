import type { ChannelRow } from '../db/queries/channels.ts';
import type { SecretBox } from '../notifications/channels/secret-box.ts';
import { sealContext } from '../notifications/channel-secrets.ts';
import { formatInstant } from './instant.ts';

/**
 * A chat group as the API shows it. The URL (whose token is the credential) and the secret are
 * write-only: only the URL's host and whether a secret is set come back.
 */
export function presentChannel(row: ChannelRow, box: SecretBox, timeZone: string, abilities: { manage: boolean }) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    collaborationId: row.collaborationId,
    departmentId: row.departmentId,
    host: hostOf(row, box),
    hasSecret: row.secret !== null,
    createdBy: row.createdBy,
    createdAt: formatInstant(row.createdAt, timeZone),
    updatedAt: formatInstant(row.updatedAt ?? row.createdAt, timeZone),
    abilities: { update: abilities.manage, delete: abilities.manage, test: abilities.manage },
  };
}

function hostOf(row: ChannelRow, box: SecretBox): string | null {
  try {
    return new URL(box.open(row.url, sealContext(row.id, 'url'))).host;
  } catch {
    return null;
  }
}
