import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../api/types.ts';
import { formatCalendarDate, formatInstant } from '../../i18n/format.ts';
import { en } from '../../i18n/messages/en.ts';
import { zhCN } from '../../i18n/messages/zh-CN.ts';
import { translator, type Locale } from '../../i18n/translate.ts';
import { historySentences, type HistoryContext } from './history-sentences.ts';

const people: Record<string, string> = { u1: '设计部陈设计师', u2: '市场部李经理', u3: '研发部张工' };
const items: Record<string, string> = { i1: '设计部完成发布会主视觉初稿' };

function context(locale: Locale): HistoryContext {
  return {
    t: translator(locale === 'en' ? en : zhCN),
    date: (d) => formatCalendarDate(d, locale, 2024),
    instant: (iso) => formatInstant(iso, locale, 'Asia/Shanghai', 2024),
    personName: (id) => people[id] ?? null,
    departmentName: (id) => ({ d1: '研发部', d2: '客服部' })[id] ?? null,
    itemName: (id) => items[id] ?? null,
    meetingName: () => '新品发布会筹备启动会',
    delayCodeLabel: (code) => (code === 'requirement_change' ? (locale === 'en' ? 'Changed requirements' : '需求变更') : null),
  };
}

const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
  id: 'e1',
  at: '2024-07-14T17:30:00+08:00',
  actor: { id: 'u1', name: '设计部陈设计师' },
  entityType: 'action_item',
  entityId: 'i1',
  action: 'updated',
  restricted: false,
  before: null,
  after: null,
  ...over,
});

describe('history sentences', () => {
  it('says once what an import brought in, never a line per field, and names no restricted item', () => {
    const zh = context('zh-CN');
    expect(historySentences(event({ entityType: 'collaboration', action: 'imported', after: { topic: 'x', goal: 'y', status: 'active' } }), zh)).toEqual(['设计部陈设计师 从模板表格导入了本协作记录']);
    expect(historySentences(event({ action: 'imported', after: { description: '设计部完成发布会主视觉初稿' } }), context('en'))).toEqual([
      '设计部陈设计师 imported “设计部完成发布会主视觉初稿” from the template workbook',
    ]);
    expect(historySentences(event({ action: 'imported', restricted: true, after: null }), zh)).toEqual(['设计部陈设计师 从模板表格导入了一项敏感行动项']);
    expect(historySentences(event({ entityType: 'progress_update', action: 'imported', after: { progress: 50 } }), zh)).toEqual(['设计部陈设计师 从模板表格导入了一条进度更新']);
  });

  it("tells a due-date move the template's way, with the reason", () => {
    const moved = event({ action: 'due_date_moved', before: { dueDate: '2024-07-15' }, after: { dueDate: '2024-07-17', reason: '客户需求调整', delayCode: 'requirement_change' } });
    expect(historySentences(moved, context('zh-CN'))).toEqual(['设计部陈设计师 将“设计部完成发布会主视觉初稿”的截止时间从 7月15日 改为 7月17日，原因：需求变更，客户需求调整']);
    expect(historySentences(moved, context('en'))).toEqual([
      '设计部陈设计师 moved the due date of “设计部完成发布会主视觉初稿” from Jul 15 to Jul 17, because: Changed requirements — 客户需求调整',
    ]);
  });

  it('reads progress reports whether or not the percentage moved', () => {
    const ctx = context('zh-CN');
    expect(historySentences(event({ action: 'progress_updated', before: { progress: 0 }, after: { progress: 80, statusText: '设计中' } }), ctx)).toEqual([
      '设计部陈设计师 将“设计部完成发布会主视觉初稿”的进度从 0% 更新为 80%：设计中',
    ]);
    expect(historySentences(event({ action: 'progress_updated', before: { statusText: '设计中' }, after: { statusText: '初稿延期2天' } }), ctx)).toEqual([
      '设计部陈设计师 报告了“设计部完成发布会主视觉初稿”的进展：初稿延期2天',
    ]);
    expect(historySentences(event({ action: 'progress_updated', before: { status: 'in_progress', progress: 80 }, after: { status: 'done', progress: 100 } }), ctx)).toEqual([
      '设计部陈设计师 完成了“设计部完成发布会主视觉初稿”',
    ]);
  });

  it('gives one sentence per changed field, naming people and translating values', () => {
    const ctx = context('zh-CN');
    const reassigned = event({ actor: { id: 'u2', name: '市场部李经理' }, before: { ownerId: 'u1', deliverable: '3版' }, after: { ownerId: 'u3', deliverable: '3版' } });
    expect(historySentences(reassigned, ctx)).toEqual(['市场部李经理 将“设计部完成发布会主视觉初稿”的负责人从 设计部陈设计师 改为 研发部张工']);
    const health = event({ entityType: 'collaboration', entityId: 'c1', actor: { id: 'u2', name: '市场部李经理' }, before: { health: 'on_track' }, after: { health: 'at_risk' } });
    expect(historySentences(health, ctx)).toEqual(['市场部李经理 将健康度从 正常 改为 有风险']);
    expect(historySentences(health, context('en'))).toEqual(['市场部李经理 changed the health from On track to At risk']);
  });

  it('says that restricted content changed, never what', () => {
    const hidden = event({ action: 'updated', restricted: true, before: null, after: null });
    expect(historySentences(hidden, context('zh-CN'))).toEqual(['设计部陈设计师 修改了行动项“一项敏感行动项”']);
    const topic = event({ entityType: 'topic', action: 'created', restricted: true });
    expect(historySentences(topic, context('zh-CN'))).toEqual(['设计部陈设计师 添加了议题“一个敏感议题”']);
  });

  it('names meetings with their time and the system when nobody acted', () => {
    const created = event({ entityType: 'meeting', entityId: 'm1', action: 'created', actor: null, after: { title: '启动会', plannedStart: '2024-07-10T06:00:00.000Z' } });
    expect(historySentences(created, context('zh-CN'))).toEqual(['系统 安排了会议“启动会”，时间 7月10日 14:00']);
  });
});
