import Fastify from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldProblemOf, nulCharacterPath, zodValidatorCompiler } from './validation.ts';
import { registerErrorHandler } from './error-handler.ts';

// Also found by the fuzzing: zod's own English messages ("Invalid input" of a union) reached zh-CN callers.
describe('a field message zod wrote itself', () => {
  it('becomes the catalog key for an invalid value', () => {
    const result = z.union([z.enum(['todo', 'done']), z.literal('open')]).safeParse('bogus');
    expect(result.success).toBe(false);
    expect(fieldProblemOf(result.error!.issues[0]!, ['status'])).toEqual({ path: 'status', message: 'field.invalid' });
  });
});

describe('nulCharacterPath', () => {
  it('finds U+0000 in values and keys, at any depth', () => {
    expect(nulCharacterPath('fine')).toBeNull();
    expect(nulCharacterPath({ a: ['x', 'y\u0000'] })).toEqual(['a', 1]);
    expect(nulCharacterPath({ feedback: [{ text: 'ok' }, { text: 'a\u0000b' }] })).toEqual(['feedback', 1, 'text']);
    expect(nulCharacterPath({ 'k\u0000': 1 })).toEqual(['k\u0000']);
    expect(nulCharacterPath({ n: 1, b: true, z: null })).toBeNull();
  });
});

// Found by the security fuzzing (test/security/fuzz.ts): `GET /collaborations?q=%00` reached PostgreSQL,
// which cannot hold U+0000 in text or jsonb, and answered 500.
describe('a NUL character in any input', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(zodValidatorCompiler);
    registerErrorHandler(app);
    app.post('/things', { schema: { querystring: z.object({ q: z.string().optional() }), body: z.object({ text: z.string(), tags: z.array(z.string()).default([]) }) } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('is refused with 400 naming the field, in a query', async () => {
    const response = await app.inject({ method: 'POST', url: '/things?q=a%00b', payload: { text: 'ok' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'q', message: expect.stringContaining('U+0000') }] });
  });

  it('is refused with 400 naming the field, in a body', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { text: 'ok', tags: ['x', 'nul\u0000'] }, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: 'tags[1]', message: 'Must not contain a NUL character (U+0000)' }]);
  });

  // Also found by the fuzzing: a body of arrays nested 100,000 deep overflowed a recursive walk (500).
  it('is looked for without recursion, however deep the body nests', async () => {
    const deep = `${'['.repeat(100_000)}"a\\u0000"${']'.repeat(100_000)}`;
    const response = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(response.statusCode).toBe(400);
  });

  it('lets everything else through, emoji and right-to-left marks included', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { text: '🙂 \u202Eevil \u200B' } });
    expect(response.statusCode).toBe(200);
  });
});
