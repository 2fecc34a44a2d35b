import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { findVisibleActionItem } from '../../db/queries/action-items.ts';
import { findAttachment, listAttachments } from '../../db/queries/attachments.ts';
import { assertActionItemWritable, isRestrictedFor } from '../../policies/action-item.ts';
import { attachFile, canAttach, removeAttachment, type UploadedFile } from '../../commands/attach-file.ts';
import { cleanFileName, DEFAULT_UPLOAD_MAX_BYTES, sniffAttachment } from '../../attachments/file-types.ts';
import { presentAttachment } from '../../presenters/attachment.ts';
import { contentDisposition } from '../../exports/export-format.ts';

const tags = ['attachments'];

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * The one `file` part of a multipart upload, read whole within the size limit, with its kind decided from
 * its bytes: 400 naming `file` when missing or empty, 413 when too large, 415 when not an allowed type
 * or when the name claims another type than the content.
 */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!request.isMultipart()) throw invalidField('file', 'attachment.fileRequired');
  const part = await request.file({ limits: { fileSize: maxBytes } });
  if (!part || part.fieldname !== 'file') throw invalidField('file', 'attachment.fileRequired');
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', { fields: [{ path: 'file', message: 'attachment.tooLarge', params: { max: megabytes(maxBytes) } }] });
    }
    throw error;
  }
  if (buffer.length === 0) throw invalidField('file', 'attachment.empty');
  const fileName = cleanFileName(part.filename);
  if (!fileName) throw invalidField('file', 'attachment.nameMissing');
  const sniffed = await sniffAttachment(buffer, fileName);
  if (!sniffed.ok) {
    const messageKey = sniffed.reason === 'name_mismatch' ? 'attachment.typeMismatch' : 'attachment.typeNotAllowed';
    const params = { detected: sniffed.detected, extension: sniffed.extension ? `.${sniffed.extension}` : '' };
    throw new AppError('UNSUPPORTED_FILE_TYPE', { messageKey, params, fields: [{ path: 'file', message: messageKey, params }] });
  }
  return { buffer, fileName, mime: sniffed.mime };
}

/** Deliverable files (交付成果) of action items: upload, list, download, remove. */
export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.settingsFromEnv.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;

  app.post(
    '/action-items/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a deliverable file (multipart/form-data, one part named "file")',
        description:
          'The owner and the editors of the item may attach. Images (PNG, JPEG, GIF, WebP), PDF, Word, Excel, PowerPoint, ZIP and UTF-8 text/CSV, ' +
          'recognised from the content, whose name ending must agree; 415 UNSUPPORTED_FILE_TYPE otherwise, 413 PAYLOAD_TOO_LARGE over the limit.',
        consumes: ['multipart/form-data'],
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Refuse before reading a large body from someone who may not attach anyway; checked again under lock.
      const record = await findVisibleActionItem(app.db, actor, request.params.id);
      if (!record) throw notFound();
      assertActionItemWritable(actor, record, true, canAttach);
      const file = await readUpload(request, maxBytes);
      const row = await attachFile(app.db, app.attachments, actor, request.params.id, file, app.clock.now());
      return reply.status(201).send(presentAttachment(row, actor.name, actor));
    },
  );

  app.get('/action-items/:id/attachments', { schema: { tags, summary: 'The files attached to an item, oldest first', params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const record = await findVisibleActionItem(app.db, actor, request.params.id);
    if (!record || isRestrictedFor(actor, record)) throw notFound();
    const rows = await listAttachments(app.db, actor.orgId, 'action_item', record.item.id);
    return { items: rows.map((r) => presentAttachment(r.attachment, r.uploaderName, actor)) };
  });

  app.get(
    '/attachments/:id',
    { schema: { tags, summary: 'Download a file (always as an attachment, never rendered by the browser)', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await findAttachment(app.db, actor.orgId, request.params.id);
      if (!row || row.entityType !== 'action_item') throw notFound();
      const record = await findVisibleActionItem(app.db, actor, row.entityId);
      if (!record || isRestrictedFor(actor, record)) throw notFound();
      if (!(await app.attachments.exists(row.sha256))) {
        request.log.error({ attachmentId: row.id, sha256: row.sha256 }, 'attachment file missing from storage');
        throw notFound();
      }
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-cache')
        .send(app.attachments.open(row.sha256));
    },
  );

  app.delete('/attachments/:id', { schema: { tags, summary: 'Remove a file (its uploader or the item’s editors)', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await removeAttachment(app.db, app.attachments, actor, request.params.id, app.clock.now());
    return reply.status(204).send();
  });
};
