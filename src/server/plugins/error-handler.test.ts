import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkErrors, registerErrorHandler } from './error-handler.ts';

const app = Fastify({ frameworkErrors });

beforeAll(async () => {
  await app.register(multipart, { limits: { files: 1 } });
  registerErrorHandler(app);
  app.get('/api/v1/things/:id', async () => ({ ok: true }));
  app.post('/api/v1/uploads', async (request) => ({ size: (await (await request.file())?.toBuffer())?.length ?? 0 }));
  await app.ready();
});
afterAll(() => app.close());

// Found by the security fuzzing (test/security/fuzz.ts): Fastify's router answered these itself, in its
// own English shape (FST_ERR_BAD_URL 400, FST_ERR_MAX_PARAM_LENGTH 414), bypassing the error handler.
describe('URLs the router cannot read', () => {
  it.each([
    ['a broken %-escape', '/api/v1/things/%E0%A4%A'],
    ['a lone %', '/api/v1/things/%'],
    ['a path segment longer than any id', `/api/v1/things/${'x'.repeat(500)}`],
  ])('answer 404 in the documented shape for %s', async (_, url) => {
    const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(response.body).not.toContain('FST_ERR');
  });

  it('speak the caller’s language', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/things/%' });
    expect(response.json().error.message).toMatch(/\p{Script=Han}/u);
  });
});

// Found by the security fuzzing: the multipart parser throws plain errors for a body it cannot read, and
// POST /imports and POST /action-items/:id/attachments answered them 500.
describe('an upload that cannot be read', () => {
  const part = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc`;
  it.each([
    ['no boundary', 'multipart/form-data', '{}'],
    ['a body that is not multipart', 'multipart/form-data; boundary=x', '{}'],
    ['a body cut short', 'multipart/form-data; boundary=x', part('x')],
    ['a boundary longer than the parser takes', `multipart/form-data; boundary=${'b'.repeat(300)}`, `${part('b'.repeat(300))}\r\n--${'b'.repeat(300)}--\r\n`],
  ])('is refused with 400 naming file: %s', async (_, type, payload) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': type }, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'file' }] });
  });

  it('is read when well formed', async () => {
    const payload = `${part('x')}\r\n--x--\r\n`;
    const response = await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload });
    expect(response.json()).toEqual({ size: 3 });
  });
});
