import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkErrors, registerErrorHandler } from './error-handler.ts';

const app = Fastify({ frameworkErrors });

beforeAll(async () => {
  registerErrorHandler(app);
  app.get('/api/v1/things/:id', async () => ({ ok: true }));
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
