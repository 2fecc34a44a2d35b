import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importCommitResponse, importPreviewResponse, importQuery } from '../../../shared/schemas/import.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { invalidField } from '../../errors.ts';
import { localeFrom } from '../../i18n/messages.ts';
import { importCollaboration, planWorkbookImport } from '../../commands/import-collaboration.ts';
import { presentImportFindings, presentImportPreview } from '../../presenters/import-preview.ts';
import { locateSections, type TemplateSections } from '../../imports/template-sections.ts';
import { readWorkbook, UnreadableWorkbookError } from '../../imports/workbook-grid.ts';

/**
 * The uploaded workbook, read: one multipart part named `file` (size capped by the multipart limit, 413),
 * an .xlsx judged by its bytes (a zip archive), not its name; anything else is 400 naming `file`.
 */
async function readUpload(request: FastifyRequest): Promise<{ fileName: string; sections: TemplateSections }> {
  if (!request.isMultipart()) throw invalidField('file', 'import.fileRequired');
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw invalidField('file', 'import.fileRequired');
  const bytes = await part.toBuffer();
  try {
    return { fileName: part.filename, sections: locateSections(await readWorkbook(bytes)) };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw invalidField('file', `import.${error.reason}`);
    throw error;
  }
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];

  app.post(
    '/imports',
    { schema: { tags, querystring: importQuery, consumes: ['multipart/form-data'], response: { 200: importPreviewResponse, 201: importCommitResponse } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const locale = localeFrom(request.headers['accept-language']);
      const { fileName, sections } = await readUpload(request);
      const now = app.clock.now();
      if (request.query.mode === 'commit') {
        const { collaborationId, plan } = await importCollaboration(app.db, actor, sections, { fileName, now, locale });
        return reply.status(201).send({ mode: 'commit', collaborationId, counts: plan.counts, notes: presentImportFindings(plan.notes, locale) });
      }
      const plan = await planWorkbookImport(app.db, actor, sections, now);
      return presentImportPreview(plan, fileName, actor.settings.timeZone, locale);
    },
  );
};
