import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTestApp, closeTestApp, loginAs, type Session, type TestContext } from '../app.ts';
import { buildTemplateCast, buildUser } from '../factories.ts';
import { PNG, multipartBody } from '../attachment-files.ts';
import { TEMPLATE_LAYOUT, templateColumnNumber } from '../../src/server/exports/template-layout.ts';
import { FORMULA_GUARD, restoreSpreadsheetText } from '../../src/server/exports/spreadsheet-text.ts';
import { docxText, pdfText, zipEntries } from '../../src/server/exports/read-back.fixture.ts';

const NOW = '2024-07-20T10:00:00+08:00';
/** Written only into sensitive content: it must never reach a reader the content does not name. */
const MARKER = '机密成本MK7731';
const FORMULA = '=HYPERLINK("http://evil.example/","点我")';
const FILE_BASE = '2024-Q3-2024年Q3新品发布会筹备';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let head: Session, engineer: Session, seller: Session, outsider: Session, pmo: Session;
let meetingId: string;

type Download = { status: number; headers: Record<string, unknown>; bytes: Buffer; json: any };

async function get(session: Session, url: string, language = 'zh-CN'): Promise<Download> {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: session.cookie, 'accept-language': language } });
  const isJson = String(response.headers['content-type'] ?? '').includes('json');
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, json: isJson ? response.json() : null };
}

async function upload(session: Session, itemId: string, fileName: string) {
  const body = multipartBody(fileName, PNG);
  const response = await session.request('POST', `/action-items/${itemId}/attachments`, body.payload, body.headers);
  expect(response.status).toBe(201);
}

async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Every text a file holds, however it is stored: cell values, XML parts, PDF text. */
async function allText(format: string, bytes: Buffer): Promise<string> {
  if (format === 'pdf') return pdfText(bytes);
  if (format === 'docx' || format === 'xlsx') return [...(await zipEntries(bytes)).values()].map((b) => b.toString('utf8')).join('\n');
  const parts: string[] = [];
  for (const [name, content] of await zipEntries(bytes)) {
    parts.push(name);
    parts.push(name.endsWith('.pdf') ? await pdfText(content) : name.endsWith('.xlsx') ? await allText('xlsx', content) : content.toString('utf8'));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  ctx = await buildTestApp(NOW);
  const db = ctx.database.db;
  cast = await buildTemplateCast(db);
  head = await loginAs(ctx.app, cast.people.head);
  engineer = await loginAs(ctx.app, cast.people.engineer);
  seller = await loginAs(ctx.app, cast.people.seller);
  outsider = await loginAs(ctx.app, cast.people.outsider);
  pmo = await loginAs(ctx.app, cast.people.pmo);
  const c = cast.collaboration.id;
  const { departments: d, people: p } = cast;

  const meeting = await head.post(`/collaborations/${c}/meetings`, {
    title: '新品发布会启动会',
    plannedStart: '2024-07-10T14:00:00+08:00',
    plannedEnd: '2024-07-10T16:00:00+08:00',
    mode: 'offline',
    location: '3楼会议室',
    hostId: p.head.id,
    recorderId: p.recorder.id,
    attendeeIds: [p.engineer.id, p.seller.id, p.designer.id],
    agenda: ['新品发布会时间与流程', '发布会预算分配'],
  });
  expect(meeting.status).toBe(201);
  meetingId = meeting.body.id;
  const topic = await head.post(`/meetings/${meetingId}/topics`, {
    title: '新品发布会嘉宾邀请',
    discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
    feedback: [
      { departmentId: d.rnd.id, userId: p.engineer.id, stance: 'agree', text: '建议邀请行业KOL' },
      { departmentId: d.sales.id, userId: p.seller.id, stance: 'conditional', text: FORMULA },
      { departmentId: d.design.id, noFeedback: true },
      { departmentId: d.service.id, noFeedback: true },
    ],
    disagreements: 'KOL还是渠户优先',
    consensus: '邀请2位KOL+3家核心渠户',
  });
  expect(topic.status).toBe(201);
  const secret = await head.post(`/meetings/${meetingId}/topics`, {
    title: `发布会预算（${MARKER}）`,
    discussion: `场地费用 ${MARKER} 元`,
    feedback: [{ departmentId: d.sales.id, text: `渠道补贴 ${MARKER}` }],
    consensus: MARKER,
    problemTags: [MARKER],
    sensitive: true,
    visibleToUserIds: [p.head.id, p.seller.id],
  });
  expect(secret.status).toBe(201);

  const item = await head.post(`/collaborations/${c}/action-items`, {
    description: '设计部完成发布会主视觉初稿',
    ownerId: p.designer.id,
    dueDate: '2024-07-15',
    deliverable: '3版主视觉设计稿',
    meetingId,
    sourceTopicId: topic.body.id,
  });
  expect(item.status).toBe(201);
  const designer = await loginAs(ctx.app, p.designer);
  const update = await designer.post(`/action-items/${item.body.id}/updates`, {
    progress: 80,
    statusText: '设计中-完成80%',
    delayCode: 'requirement_change',
    delayReason: '初稿延期2天，因客户需求调整',
    remedy: '已协调设计师加班完成',
    newDueDate: '2024-07-17',
  });
  expect(update.status).toBe(201);
  await upload(designer, item.body.id, '主视觉初稿.png');

  const hidden = await head.post(`/collaborations/${c}/action-items`, {
    description: `核算嘉宾费用 ${MARKER}`,
    ownerId: p.seller.id,
    dueDate: '2024-07-13',
    deliverable: `费用表 ${MARKER}`,
    meetingId,
    sensitive: true,
    visibleToUserIds: [p.head.id, p.seller.id],
  });
  expect(hidden.status).toBe(201);
  const hiddenUpdate = await seller.post(`/action-items/${hidden.body.id}/updates`, { progress: 30, statusText: `报价 ${MARKER}`, remedy: MARKER });
  expect(hiddenUpdate.status).toBe(201);
  await upload(seller, hidden.body.id, `${MARKER}报价.png`);

  expect((await head.post(`/collaborations/${c}/remarks`, { text: '客户名单需销售部确认优先级，7月13日前同步市场部', kind: 'remark' })).status).toBe(201);
  expect((await head.post(`/collaborations/${c}/remarks`, { text: '@场地预算可能超支', kind: 'risk' })).status).toBe(201);
});
afterAll(() => closeTestApp(ctx));

describe('GET /collaborations/:id/export', () => {
  it('sends the template workbook named 年份-季度-项目名称 with its length, sheets and headers', async () => {
    const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export?format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="2024-Q3-2024_Q3_.xlsx"; filename*=UTF-8''${encodeURIComponent(`${FILE_BASE}.xlsx`)}`);
    expect(Number(response.headers['content-length'])).toBe(response.bytes.length);
    expect(response.headers['cache-control']).toBe('private, no-store');

    const workbook = await workbookOf(response.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(TEMPLATE_LAYOUT.sheetOrder.map((k) => TEMPLATE_LAYOUT.sheets[k].name));
    const items = workbook.getWorksheet('行动项清单')!;
    expect((items.getRow(TEMPLATE_LAYOUT.rows.label).values as unknown[]).slice(1, 6)).toEqual(['序号', '任务描述', '负责人', '截止时间', '交付成果']);
    const basic = workbook.getWorksheet('基础信息')!;
    expect(basic.getCell(TEMPLATE_LAYOUT.rows.firstData, 2).value).toBe('2024年Q3新品发布会筹备');
    const first = TEMPLATE_LAYOUT.rows.firstData;
    expect(items.getCell(first, templateColumnNumber('actionItems', 'description')).value).toBe('设计部完成发布会主视觉初稿');
    expect((items.getCell(first, templateColumnNumber('actionItems', 'dueDate')).value as Date).toISOString()).toBe('2024-07-17T00:00:00.000Z');

    const topics = workbook.getWorksheet('沟通核心内容')!;
    const formula = topics.getCell(first + 1, templateColumnNumber('topics', 'feedbackText'));
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe(FORMULA_GUARD + FORMULA);
    expect(restoreSpreadsheetText(String(formula.value))).toBe(FORMULA);
    expect(topics.getCell(first + 2, templateColumnNumber('topics', 'feedbackText')).value).toBe('无反馈');
  });

  it.each(['xlsx', 'pdf', 'docx', 'zip'])('leaves sensitive content out of the %s of a reader it does not name, and keeps it for one it names', async (format) => {
    const url = `/collaborations/${cast.collaboration.id}/export?format=${format}`;
    const hidden = await get(engineer, url);
    expect(hidden.status).toBe(200);
    expect(Number(hidden.headers['content-length'])).toBe(hidden.bytes.length);
    const hiddenText = await allText(format, hidden.bytes);
    expect(hiddenText).not.toContain(MARKER);
    expect(hiddenText.replace(/\s+/g, '')).toContain('受限内容');
    const named = await get(seller, url);
    expect(await allText(format, named.bytes)).toContain(MARKER);
  });

  it('prints the record as a PDF whose Chinese text comes back from pdftotext', async () => {
    const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export?format=pdf`);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent(`${FILE_BASE}.pdf`));
    const text = (await pdfText(response.bytes)).replace(/\s+/g, '');
    for (const expected of ['跨部门协作沟通记录表', '新品发布会嘉宾邀请', '研发部建议邀请行业KOL，销售部建议优先合作渠户', '设计部完成发布会主视觉初稿', '初稿延期2天，因客户需求调整', '风险与备注']) {
      expect(text).toContain(expected);
    }
  });

  it('writes the record into the Word document', async () => {
    const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export?format=docx`);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { text } = await docxText(response.bytes);
    expect(text).toContain('邀请2位KOL+3家核心渠户');
    expect(text).toContain('3版主视觉设计稿');
  });

  it('zips the workbook, the PDF and the attachments the reader may see under 交付成果/', async () => {
    const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export?format=zip`);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent(`${FILE_BASE}.zip`));
    const entries = await zipEntries(response.bytes);
    expect([...entries.keys()].sort()).toEqual([`${FILE_BASE}.pdf`, `${FILE_BASE}.xlsx`, '交付成果/行动项01-主视觉初稿.png'].sort());
    expect(entries.get('交付成果/行动项01-主视觉初稿.png')).toEqual(PNG);
    const named = await zipEntries((await get(head, `/collaborations/${cast.collaboration.id}/export?format=zip`)).bytes);
    expect([...named.keys()]).toContain(`交付成果/行动项02-${MARKER}报价.png`);
  });

  it('answers 404 to someone who may not read the collaboration, whatever the format', async () => {
    for (const format of ['xlsx', 'pdf', 'docx', 'zip']) {
      const response = await get(outsider, `/collaborations/${cast.collaboration.id}/export?format=${format}`);
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe('NOT_FOUND');
    }
    expect((await get(engineer, `/collaborations/0190a000-0000-7000-8000-000000000000/export?format=pdf`)).status).toBe(404);
  });

  it('lets the pmo export, as it lets them read', async () => {
    expect((await get(pmo, `/collaborations/${cast.collaboration.id}/export?format=pdf`)).status).toBe(200);
  });

  it('refuses a missing or unknown format with 400 naming `format`', async () => {
    for (const query of ['', '?format=csv']) {
      const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export${query}`);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('VALIDATION_FAILED');
      expect(response.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['format']);
    }
  });

  it('speaks English in the PDF when asked, keeping the record’s own words', async () => {
    const response = await get(engineer, `/collaborations/${cast.collaboration.id}/export?format=pdf`, 'en');
    const text = (await pdfText(response.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Action items');
    expect(text).toContain('Restricted content');
    expect(text.replace(/\s+/g, '')).toContain('设计部完成发布会主视觉初稿');
  });
});

describe('GET /meetings/:id/export', () => {
  it.each(['pdf', 'docx'])('sends one meeting’s minutes as %s, sensitive content left out for a reader not named', async (format) => {
    const response = await get(engineer, `/meetings/${meetingId}/export?format=${format}`);
    expect(response.status).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(response.bytes.length);
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent(`${FILE_BASE}-会议纪要01.${format}`));
    const text = format === 'pdf' ? (await pdfText(response.bytes)).replace(/\s+/g, '') : (await docxText(response.bytes)).text.replace(/\s+/g, '');
    expect(text).toContain('会议纪要');
    expect(text).toContain('新品发布会嘉宾邀请');
    expect(text).not.toContain(MARKER);
  });

  it('answers 404 to an outsider and 400 naming `format` for a workbook request', async () => {
    expect((await get(outsider, `/meetings/${meetingId}/export?format=pdf`)).status).toBe(404);
    const bad = await get(engineer, `/meetings/${meetingId}/export?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('format');
  });
});

describe('GET /review/export', () => {
  it('sends the quarterly review as a workbook and a PDF to the pmo', async () => {
    const xlsx = await get(pmo, '/review/export?quarter=2024Q3&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(Number(xlsx.headers['content-length'])).toBe(xlsx.bytes.length);
    expect(String(xlsx.headers['content-disposition'])).toContain(encodeURIComponent('2024Q3-跨部门协作季度复盘.xlsx'));
    const workbook = await workbookOf(xlsx.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总览', '各部门', '各协作', '高频问题']);
    const collaborations = workbook.getWorksheet('各协作')!;
    const topics: unknown[] = [];
    collaborations.eachRow((row, n) => n >= TEMPLATE_LAYOUT.rows.firstData && topics.push(row.getCell(1).value));
    expect(topics).toContain('2024年Q3新品发布会筹备');

    const pdf = await get(pmo, '/review/export?quarter=2024Q3&format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, '');
    expect(text).toContain('跨部门协作季度复盘');
    expect(text).toContain('2024年Q3新品发布会筹备');
    expect(text).not.toContain(MARKER);
  });

  it('gives a department head their department and refuses others as GET /review does', async () => {
    const scoped = await get(head, `/review/export?quarter=2024Q3&format=xlsx`);
    expect(scoped.status).toBe(200);
    expect(String(scoped.headers['content-disposition'])).toContain(encodeURIComponent('2024Q3-跨部门协作季度复盘-市场部.xlsx'));
    const member = await buildUser(ctx.database.db, cast.org.id, { departmentIds: [cast.departments.rnd.id] });
    expect((await get(await loginAs(ctx.app, member), '/review/export?quarter=2024Q3&format=pdf')).status).toBe(403);
  });

  it('refuses a malformed quarter or format naming the field', async () => {
    const quarter = await get(pmo, '/review/export?quarter=2024Q5&format=pdf');
    expect(quarter.status).toBe(400);
    expect(quarter.json.error.fields[0].path).toBe('quarter');
    const format = await get(pmo, '/review/export?quarter=2024Q3&format=docx');
    expect(format.status).toBe(400);
    expect(format.json.error.fields[0].path).toBe('format');
  });
});
