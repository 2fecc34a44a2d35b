import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../api/types.ts';
import { formatCalendarDate, formatInstant } from '../i18n/format.ts';
import { en } from '../i18n/messages/en.ts';
import { zhCN } from '../i18n/messages/zh-CN.ts';
import { translator } from '../i18n/translate.ts';
import { notificationLink, notificationText } from './notification-text.ts';

const zh = { t: translator(zhCN), format: { date: (d: string) => formatCalendarDate(d, 'zh-CN', 2024), instant: (i: string) => formatInstant(i, 'zh-CN', 'Asia/Shanghai', 2024) } };
const notification = (over: Partial<AppNotification>): AppNotification => ({
  id: 'n1',
  event: 'item_assigned',
  entityType: 'action_item',
  entityId: 'i1',
  collaborationId: 'c1',
  payload: {},
  read: false,
  createdAt: '2024-07-10T17:30:00+08:00',
  ...over,
});

describe('notification lines', () => {
  it('names the item and the person, with dates in the UI language', () => {
    const moved = notification({ event: 'due_date_moved', payload: { actorName: '设计部陈设计师', description: '主视觉初稿', previousDueDate: '2024-07-15', newDueDate: '2024-07-17' } });
    expect(notificationText(moved, zh.t, zh.format)).toBe('设计部陈设计师 将行动项“主视觉初稿”的截止时间从 7月15日 改为 7月17日');
    const enFormat = { date: (d: string) => formatCalendarDate(d, 'en', 2024), instant: (i: string) => formatInstant(i, 'en', 'Asia/Shanghai', 2024) };
    expect(notificationText(moved, translator(en), enFormat)).toBe('设计部陈设计师 moved the due date of “主视觉初稿” from Jul 15 to Jul 17');
  });

  it('says "a restricted item" for a sensitive item, whose payload carries no words', () => {
    const assigned = notification({ payload: { actorName: '市场部李经理', sensitive: true, dueDate: '2024-07-20' } });
    expect(notificationText(assigned, zh.t, zh.format)).toBe('市场部李经理 给你分配了一项敏感行动项，截止 7月20日');
  });

  it("prefers the server's rendered title, and falls back to a neutral line for unknown events", () => {
    expect(notificationText(notification({ title: '服务器标题' }), zh.t, zh.format)).toBe('服务器标题');
    expect(notificationText(notification({ event: 'something_new' }), zh.t, zh.format)).toBe('有一条新动态');
  });

  it('leads to the record it is about: the meeting, the action item, else the collaboration', () => {
    expect(notificationLink(notification({}))).toBe('/action-items/i1');
    expect(notificationLink(notification({ entityType: 'meeting', entityId: 'm1' }))).toBe('/meetings/m1');
    expect(notificationLink(notification({ entityType: 'remark', entityId: 'r1' }))).toBe('/collaborations/c1');
    expect(notificationLink(notification({ entityType: 'remark', collaborationId: null, payload: { collaborationId: 'c2' } }))).toBe('/collaborations/c2');
    expect(notificationLink(notification({ entityType: 'remark', collaborationId: null }))).toBeNull();
  });
});
