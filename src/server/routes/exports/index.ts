import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common.ts';
import { collaborationExportQuery, meetingExportQuery, reviewExportQuery } from '../../../shared/schemas/export.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { invalidField, notFound } from '../../errors.ts';
import { localeFrom } from '../../i18n/messages.ts';
import { findMeetingContext } from '../../db/queries/meetings.ts';
import { canReadMeeting } from '../../policies/meeting.ts';
import { findReadableCollaboration, loadCollaborationExport, safeFileName } from '../../exports/collaboration-export.ts';
import { renderCollaborationWorkbook } from '../../exports/collaboration-workbook.ts';
import { renderMinutesPdf } from '../../exports/minutes-pdf.ts';
import { renderMinutesDocx } from '../../exports/minutes-docx.ts';
import { spoolCollaborationZip } from '../../exports/collaboration-zip.ts';
import { renderReviewWorkbook } from '../../exports/review-workbook.ts';
import { renderReviewPdf } from '../../exports/review-pdf.ts';
import { archiveBaseName, archiveFileName, contentDisposition } from '../../exports/export-format.ts';
import { exportLabels } from '../../exports/export-labels.ts';
import { reviewLabels } from '../../exports/review-labels.ts';
import { buildReview, reviewScope } from '../review/index.ts';
import { parseQuarter } from '../../../domain/period.ts';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  zip: 'application/zip',
} as const;

/** A finished file as a download: its name (RFC 5987), type and length, never cached (it is the caller's view). */
function download(reply: FastifyReply, fileName: string, format: keyof typeof MIME, size: number) {
  return reply
    .header('content-type', MIME[format])
    .header('content-disposition', contentDisposition(fileName))
    .header('content-length', size)
    .header('cache-control', 'private, no-store');
}

/**
 * Files of a collaboration (.xlsx template table, .pdf / .docx record, .zip archive), of one meeting's
 * minutes, and of the quarterly review. Each is readable exactly when the JSON it is made of is (404 for a
 * collaboration or meeting the caller cannot read, 403 for a review they may not see) and carries only
 * what the caller may see: sensitive entries not naming them are placeholders (collaboration-export.ts).
 */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['exports'];

  app.get(
    '/collaborations/:id/export',
    { schema: { tags, summary: 'The record as the template workbook, a PDF or Word document, or the archive zip', params: idParams, querystring: collaborationExportQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { format } = request.query;
      const found = await findReadableCollaboration(app.db, actor, request.params.id);
      const locale = localeFrom(request.headers['accept-language']);
      const model = await loadCollaborationExport(app.db, actor, found, { locale, now: app.clock.now() });
      const name = (ext: string) => archiveFileName(model.collaboration.period, model.collaboration.topic, ext);
      if (format === 'zip') {
        const [workbook, pdf] = [await renderCollaborationWorkbook(model), await renderMinutesPdf(model)];
        const zip = await spoolCollaborationZip(model, { baseName: archiveBaseName(model.collaboration.period, model.collaboration.topic), workbook, pdf }, app.attachments);
        if (zip.missing.length) request.log.warn({ collaborationId: found.row.id, missing: zip.missing }, 'attachment files missing from the store');
        const stream = createReadStream(zip.path);
        stream.once('close', () => void zip.remove());
        return download(reply, name('zip'), 'zip', zip.size).send(stream);
      }
      const body = format === 'xlsx' ? await renderCollaborationWorkbook(model) : format === 'pdf' ? await renderMinutesPdf(model) : await renderMinutesDocx(model);
      return download(reply, name(format), format, body.length).send(body);
    },
  );

  app.get(
    '/meetings/:id/export',
    { schema: { tags, summary: "One meeting's minutes as a PDF or Word document", params: idParams, querystring: meetingExportQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { format } = request.query;
      const context = await findMeetingContext(app.db, actor, request.params.id);
      if (!context || !canReadMeeting(actor, context.collaboration.facts)) throw notFound();
      const locale = localeFrom(request.headers['accept-language']);
      const model = await loadCollaborationExport(app.db, actor, context.collaboration, { locale, now: app.clock.now(), meetingId: context.meeting.id });
      const meeting = model.meetings[0]!;
      const suffix = `${exportLabels(locale).minutesTitle}${String(meeting.number).padStart(2, '0')}`;
      const fileName = archiveFileName(model.collaboration.period, model.collaboration.topic, format, suffix);
      const body = format === 'pdf' ? await renderMinutesPdf(model) : await renderMinutesDocx(model);
      return download(reply, fileName, format, body.length).send(body);
    },
  );

  app.get(
    '/review/export',
    { schema: { tags: [...tags, 'review'], summary: 'The quarterly review as a workbook or PDF (same access as GET /review)', querystring: reviewExportQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { format, quarter: quarterText, departmentId } = request.query;
      const quarter = parseQuarter(quarterText);
      if (!quarter) throw invalidField('quarter', 'review.invalidQuarter');
      const scope = await reviewScope(app.db, actor, departmentId);
      const locale = localeFrom(request.headers['accept-language']);
      const now = app.clock.now();
      const report = await buildReview(app.db, actor, scope, quarter, now, locale);
      const scopeNames = scope.departmentIds ? report.departments.filter((d) => scope.departmentIds!.includes(d.id)).map((d) => d.name) : [];
      const context = { locale, timeZone: actor.settings.timeZone, exportedAt: now, exportedBy: actor.name, scopeNames, baseUrl: (app.settingsFromEnv.publicUrl ?? '').replace(/\/$/, '') };
      const body = format === 'xlsx' ? await renderReviewWorkbook(report, context) : await renderReviewPdf(report, context);
      const fileName = `${safeFileName([report.quarter, reviewLabels(locale).title, ...scopeNames].join('-'))}.${format}`;
      return download(reply, fileName, format, body.length).send(body);
    },
  );
};
