import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, call, closeTestApp, loginAs, type ApiResponse, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast, buildUser, buildOrganization } from '../factories.ts';
import { attachments, auditEvents, collaborations } from '../../src/server/db/schema/index.ts';
import { CSV, EXE, GIF, HTML, JPEG, PDF, PNG, SVG, TEXT, docx, multipartBody, pptx, xlsx, zip } from '../attachment-files.ts';

const LIMIT = 256 * 1024;

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let as: Record<'head' | 'engineer' | 'seller' | 'designer' | 'outsider' | 'pmo' | 'orgAdmin' | 'stranger', Session>;
let itemId: string;

const upload = (session: Session, id: string, fileName: string, content: Buffer, options: { field?: string; contentType?: string; lang?: string } = {}) => {
  const body = multipartBody(fileName, content, options);
  return session.request('POST', `/action-items/${id}/attachments`, body.payload, { ...body.headers, ...(options.lang ? { 'accept-language': options.lang } : {}) });
};

/** The raw download: bytes as they came, headers as sent. */
async function download(session: Session, attachmentId: string) {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/attachments/${attachmentId}`, headers: { cookie: session.cookie } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

const createItem = async (session: Session, body: Record<string, unknown> = {}) => {
  const created = await session.post(`/collaborations/${cast.collaboration.id}/action-items`, {
    description: '完成发布会主视觉设计',
    ownerId: cast.people.engineer.id,
    dueDate: '2024-07-15',
    deliverable: '主视觉设计稿（PSD + PNG）',
    ...body,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
};

const rowsOf = (id: string) => ctx.app.db.select().from(attachments).where(and(eq(attachments.entityType, 'action_item'), eq(attachments.entityId, id)));
const expectError = (r: ApiResponse, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
};

beforeAll(async () => {
  ctx = await buildTestApp('2024-07-08T10:00:00+08:00', { uploadMaxBytes: LIMIT });
  cast = await buildTemplateCast(ctx.app.db);
  const other = await buildOrganization(ctx.app.db);
  const stranger = await buildUser(ctx.app.db, other.id, { role: 'admin' });
  const p = cast.people;
  as = {
    head: await loginAs(ctx.app, p.head),
    engineer: await loginAs(ctx.app, p.engineer),
    seller: await loginAs(ctx.app, p.seller),
    designer: await loginAs(ctx.app, p.designer),
    outsider: await loginAs(ctx.app, p.outsider),
    pmo: await loginAs(ctx.app, p.pmo),
    orgAdmin: await loginAs(ctx.app, p.orgAdmin),
    stranger: await loginAs(ctx.app, stranger),
  };
  itemId = await createItem(as.head);
});
afterAll(() => closeTestApp(ctx));

describe('POST /action-items/:id/attachments', () => {
  it('stores the owner’s screenshot by content hash and answers the attachment; readers list and download it', async () => {
    const created = await upload(as.engineer, itemId, '主视觉设计稿 v2.png', PNG, { contentType: 'text/html' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      fileName: '主视觉设计稿 v2.png',
      // The type comes from the bytes, not from what the client claimed.
      mime: 'image/png',
      size: PNG.length,
      createdAt: '2024-07-08T10:00:00+08:00',
      uploadedBy: { id: cast.people.engineer.id, name: cast.people.engineer.name },
    });
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(existsSync(ctx.app.attachments.pathOf(sha256))).toBe(true);
    expect(ctx.app.attachments.pathOf(sha256).endsWith(`${sha256.slice(0, 2)}/${sha256}`)).toBe(true);

    const list = await as.seller.get(`/action-items/${itemId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);

    const file = await download(as.pmo, created.body.id);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(PNG)).toBe(true);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-length']).toBe(String(PNG.length));
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="_ v2.png"; filename*=UTF-8''${encodeURIComponent('主视觉设计稿 v2.png')}`);
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');

    const [audit] = await ctx.app.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, itemId), eq(auditEvents.action, 'attachment_added')));
    expect(audit).toMatchObject({ actorId: cast.people.engineer.id, restrictedTo: null, after: { attachmentId: created.body.id, fileName: '主视觉设计稿 v2.png', mime: 'image/png', size: PNG.length } });
  });

  it('accepts every allowed kind, recognised from its content, from the item’s editors', async () => {
    const files: [string, Buffer, string][] = [
      ['photo.JPEG', JPEG, 'image/jpeg'],
      ['anim.gif', GIF, 'image/gif'],
      ['预算说明.pdf', PDF, 'application/pdf'],
      ['说明.docx', await docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['进度.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['汇报.pptx', await pptx(), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['交付成果.zip', await zip(), 'application/zip'],
      ['名单.csv', CSV, 'text/csv; charset=utf-8'],
      ['说明.txt', TEXT, 'text/plain; charset=utf-8'],
    ];
    for (const [name, bytes, mime] of files) {
      const r = await upload(as.head, itemId, name, bytes);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.mime).toBe(mime);
    }
  });

  it('refuses disguised and dangerous files with 415 UNSUPPORTED_FILE_TYPE naming file, writing nothing', async () => {
    const before = (await rowsOf(itemId)).length;
    const cases: [string, Buffer, string][] = [
      ['page.html', HTML, 'attachment.typeNotAllowed'],
      ['logo.svg', SVG, 'attachment.typeNotAllowed'],
      ['截图.png', HTML, 'attachment.typeNotAllowed'],
      ['notes.txt', SVG, 'attachment.typeNotAllowed'],
      ['setup.exe', EXE, 'attachment.typeNotAllowed'],
      ['setup.png', EXE, 'attachment.typeNotAllowed'],
      ['readme.txt', PNG, 'attachment.typeMismatch'],
      ['合同.docx', PDF, 'attachment.typeMismatch'],
      ['no-extension', PNG, 'attachment.typeMismatch'],
      ['binary.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]), 'attachment.typeNotAllowed'],
    ];
    for (const [name, bytes] of cases) {
      const r = await upload(as.engineer, itemId, name, bytes);
      expectError(r, 415, 'UNSUPPORTED_FILE_TYPE');
      expect(r.body.error.fields[0].path, name).toBe('file');
    }
    const mismatch = await upload(as.engineer, itemId, 'readme.txt', PNG, { lang: 'en' });
    expect(mismatch.body.error.message).toBe('The file holds PNG, which does not match its name ending ".txt"; check the file and upload it again');
    const zh = await upload(as.engineer, itemId, 'page.html', HTML);
    expect(zh.body.error.message).toContain('不支持该文件类型');
    expect((await rowsOf(itemId)).length).toBe(before);
  });

  it('answers 413 naming file over the size limit, and 400 naming file without a file, an empty one or a wrong part', async () => {
    const before = (await rowsOf(itemId)).length;
    const big = Buffer.concat([PNG, Buffer.alloc(LIMIT)]);
    const tooBig = await upload(as.engineer, itemId, 'big.png', big, { lang: 'en' });
    expectError(tooBig, 413, 'PAYLOAD_TOO_LARGE');
    expect(tooBig.body.error.fields).toEqual([{ path: 'file', message: 'The file is too large: at most 256 KB per file' }]);
    const zhBig = await upload(as.engineer, itemId, 'big.png', big);
    expect(zhBig.body.error.fields[0].message).toBe('文件过大：单个文件最大 256 KB');

    const json = await as.engineer.post(`/action-items/${itemId}/attachments`, { file: 'x' });
    expectError(json, 400, 'VALIDATION_FAILED');
    expect(json.body.error.fields[0].path).toBe('file');
    const empty = await upload(as.engineer, itemId, 'empty.png', Buffer.alloc(0));
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.error.fields[0].path).toBe('file');
    const wrongPart = await upload(as.engineer, itemId, 'a.png', PNG, { field: 'upload' });
    expectError(wrongPart, 400, 'VALIDATION_FAILED');
    expect(wrongPart.body.error.fields[0].path).toBe('file');
    expect((await rowsOf(itemId)).length).toBe(before);
  });

  it('takes one file per request: a second file part or extra fields are never a 5xx', async () => {
    const boundary = '----LiaisonTwoFiles';
    const part = (name: string, bytes: Buffer) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`), bytes, Buffer.from('\r\n')]);
    const payload = Buffer.concat([part('one.png', PNG), part('two.png', PNG), Buffer.from(`--${boundary}--\r\n`)]);
    const r = await as.engineer.request('POST', `/action-items/${itemId}/attachments`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    const garbage = await as.engineer.request('POST', `/action-items/${itemId}/attachments`, Buffer.from('not multipart at all'), { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(garbage.status, JSON.stringify(garbage.body)).toBeLessThan(500);
  });

  it('lets only the owner and the editors attach: readers 403, others 404, no session 401, no CSRF token 403', async () => {
    expectError(await upload(as.seller, itemId, 'a.png', PNG), 403, 'FORBIDDEN');
    expectError(await upload(as.pmo, itemId, 'a.png', PNG), 403, 'FORBIDDEN');
    expectError(await upload(as.outsider, itemId, 'a.png', PNG), 404, 'NOT_FOUND');
    expectError(await upload(as.stranger, itemId, 'a.png', PNG), 404, 'NOT_FOUND');
    expectError(await upload(as.head, '01900000-0000-7000-8000-000000000000', 'a.png', PNG), 404, 'NOT_FOUND');
    const body = multipartBody('a.png', PNG);
    expectError(await call(ctx.app, { method: 'POST', url: `/api/v1/action-items/${itemId}/attachments`, payload: body.payload, headers: body.headers }), 401, 'UNAUTHENTICATED');
    const noCsrf = await call(ctx.app, { method: 'POST', url: `/api/v1/action-items/${itemId}/attachments`, payload: body.payload, headers: { ...body.headers, cookie: as.engineer.cookie } });
    expectError(noCsrf, 403, 'CSRF_FAILED');
    expectError(await as.outsider.get(`/action-items/${itemId}/attachments`), 404, 'NOT_FOUND');
    expectError(await as.stranger.get(`/action-items/${itemId}/attachments`), 404, 'NOT_FOUND');
  });
});

describe('GET and DELETE /attachments/:id', () => {
  it('downloads only for readers of the item: others and other organisations 404', async () => {
    const { body } = await upload(as.engineer, itemId, 'only-readers.txt', Buffer.from('只给读者看'));
    expect((await download(as.seller, body.id)).status).toBe(200);
    expect((await download(as.outsider, body.id)).status).toBe(404);
    expect((await download(as.stranger, body.id)).status).toBe(404);
    expect((await call(ctx.app, { method: 'GET', url: `/api/v1/attachments/${body.id}` })).status).toBe(401);
  });

  it('lets the uploader and the editors remove a file; the content goes once nothing else holds it', async () => {
    const content = Buffer.from(`重复内容 ${Date.now()}`);
    const mine = (await upload(as.engineer, itemId, 'a.txt', content)).body;
    const headsCopy = (await upload(as.head, itemId, 'b.txt', content)).body;
    const path = ctx.app.attachments.pathOf(createHash('sha256').update(content).digest('hex'));

    expectError(await as.seller.delete(`/attachments/${mine.id}`), 403, 'FORBIDDEN');
    expectError(await as.outsider.delete(`/attachments/${mine.id}`), 404, 'NOT_FOUND');
    // The owner is not an editor: the head's upload is not theirs to remove.
    expectError(await as.engineer.delete(`/attachments/${headsCopy.id}`), 403, 'FORBIDDEN');

    expect((await as.engineer.delete(`/attachments/${mine.id}`)).status).toBe(204);
    expect(existsSync(path)).toBe(true);
    expect((await download(as.head, mine.id)).status).toBe(404);
    expect((await as.head.delete(`/attachments/${headsCopy.id}`)).status).toBe(204);
    expect(existsSync(path)).toBe(false);
    expectError(await as.head.delete(`/attachments/${headsCopy.id}`), 404, 'NOT_FOUND');

    const [audit] = await ctx.app.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, itemId), eq(auditEvents.action, 'attachment_removed'), eq(auditEvents.actorId, cast.people.head.id)));
    expect(audit!.before).toMatchObject({ attachmentId: headsCopy.id, fileName: 'b.txt' });
  });
});

describe('sensitive items and archived collaborations', () => {
  it('keeps a sensitive item’s files to the users it names — admins and readers not named get 404', async () => {
    const sensitiveId = await createItem(as.head, { sensitive: true, visibleToUserIds: [cast.people.head.id, cast.people.engineer.id] });
    const created = await upload(as.engineer, sensitiveId, '成本明细.xlsx', await xlsx());
    expect(created.status).toBe(201);
    expect((await download(as.head, created.body.id)).status).toBe(200);
    for (const who of [as.designer, as.pmo, as.orgAdmin, as.seller]) {
      expect((await download(who, created.body.id)).status).toBe(404);
      expectError(await who.get(`/action-items/${sensitiveId}/attachments`), 404, 'NOT_FOUND');
      expectError(await upload(who, sensitiveId, 'x.png', PNG), 404, 'NOT_FOUND');
      expectError(await who.delete(`/attachments/${created.body.id}`), 404, 'NOT_FOUND');
    }
    const [audit] = await ctx.app.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, sensitiveId), eq(auditEvents.action, 'attachment_added')));
    expect([...audit!.restrictedTo!].sort()).toEqual([cast.people.head.id, cast.people.engineer.id].sort());
  });

  it('answers 409 ARCHIVED to uploads and removals once archived; readers still download', async () => {
    const archivedItem = await createItem(as.head);
    const kept = (await upload(as.engineer, archivedItem, 'kept.png', PNG)).body;
    await ctx.app.db.update(collaborations).set({ status: 'completed', archivedAt: new Date() }).where(eq(collaborations.id, cast.collaboration.id));
    try {
      expectError(await upload(as.engineer, archivedItem, 'late.png', PNG), 409, 'ARCHIVED');
      expectError(await as.head.delete(`/attachments/${kept.id}`), 409, 'ARCHIVED');
      expect((await download(as.seller, kept.id)).status).toBe(200);
      // Not visible still wins over archived.
      expectError(await upload(as.outsider, archivedItem, 'late.png', PNG), 404, 'NOT_FOUND');
    } finally {
      await ctx.app.db.update(collaborations).set({ status: 'active', archivedAt: null }).where(eq(collaborations.id, cast.collaboration.id));
    }
  });
});
