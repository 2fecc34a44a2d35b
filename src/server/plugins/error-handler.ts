import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { localeFrom, translate } from '../i18n/messages.ts';

/** The one place errors become HTTP: API.md's shape, the caller's language, no internals on 5xx. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    const error = toAppError(raw);
    if (error.code === 'INTERNAL') request.log.error({ err: raw }, 'unhandled error');
    const { fields, details, messageKey, params, retryAfterSeconds } = error.options;
    if (retryAfterSeconds) reply.header('Retry-After', String(retryAfterSeconds));
    return reply.status(error.status).send({
      error: {
        code: error.code,
        message: translate(locale, messageKey ?? error.code, { ...params, ...(retryAfterSeconds ? { seconds: retryAfterSeconds } : {}) }),
        ...(fields ? { fields: fields.map((f) => ({ path: f.path, message: translate(locale, f.message, f.params) })) } : {}),
        ...details,
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: translate(locale, 'NOT_FOUND') } });
  });
}

/**
 * Fastify's `frameworkErrors` option: a URL the router cannot even read (a broken %-escape, a path
 * segment longer than any id) names nothing, so it answers 404 in API.md's shape like any unknown id —
 * without it Fastify writes its own English body, bypassing the error handler.
 */
export function frameworkErrors(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeFrom(request.headers['accept-language']);
  void reply.status(404).send({ error: { code: 'NOT_FOUND', message: translate(locale, 'NOT_FOUND') } });
}

function toAppError(raw: FastifyError | AppError): AppError {
  // A malformed id in the path names nothing: 404, like any unknown id.
  if ((raw as { validationContext?: string }).validationContext === 'params') return new AppError('NOT_FOUND');
  if (raw instanceof AppError) return raw;
  const cause = (raw as { validation?: unknown }).validation ? raw : undefined;
  if (cause) {
    const context = (raw as { validationContext?: string }).validationContext;
    return new AppError('VALIDATION_FAILED', { fields: [{ path: context ?? 'body', message: raw.message }] });
  }
  // Fastify's own client errors: malformed JSON, body too large, wrong content type.
  if (raw.statusCode && raw.statusCode >= 400 && raw.statusCode < 500) {
    if (raw.statusCode === 429) return new AppError('RATE_LIMITED');
    if (raw.statusCode === 404) return new AppError('NOT_FOUND');
    if (raw.statusCode === 413) {
      const path = raw.code === 'FST_REQ_FILE_TOO_LARGE' ? 'file' : 'body';
      return new AppError('PAYLOAD_TOO_LARGE', { fields: [{ path, message: 'payload.tooLarge' }], details: { reason: raw.code } });
    }
    return new AppError('VALIDATION_FAILED', { fields: [{ path: 'body', message: 'field.invalid' }], details: { reason: raw.code } });
  }
  // The multipart parser throws plain errors for a body it cannot read (no boundary, cut short): bad input.
  if (raw.stack?.includes(`${path.sep}@fastify${path.sep}busboy${path.sep}`)) {
    return new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: 'upload.malformed' }] });
  }
  return new AppError('INTERNAL');
}
