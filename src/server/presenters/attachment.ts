import type { Actor } from '../auth/actor.ts';
import type { AttachmentRow } from '../db/queries/attachments.ts';
import { formatInstant } from './instant.ts';

/** An attachment as the API shows it; its bytes are at GET /attachments/:id. */
export function presentAttachment(row: AttachmentRow, uploaderName: string | null, actor: Actor) {
  return {
    id: row.id,
    fileName: row.fileName,
    mime: row.mime,
    size: row.size,
    createdAt: formatInstant(row.createdAt, actor.settings.timeZone),
    uploadedBy: { id: row.uploadedBy, name: uploaderName },
  };
}
