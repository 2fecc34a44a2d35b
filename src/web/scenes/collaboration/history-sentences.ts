import type { HistoryEvent } from '../../api/types.ts';
import type { MessageKey, Translate } from '../../i18n/translate.ts';

/** What turning ids and raw values into words needs: the language, dates, and the names the page knows. */
export type HistoryContext = {
  t: Translate;
  date: (date: string) => string;
  instant: (iso: string) => string;
  personName: (id: string) => string | null;
  departmentName: (id: string) => string | null;
  itemName: (id: string) => string | null;
  meetingName: (id: string) => string | null;
  delayCodeLabel: (code: string) => string | null;
};

type Values = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys whose value differs between before and after, in the order after lists them. */
function changedKeys(before: Values, after: Values, ignore: readonly string[] = []): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((k) => !ignore.includes(k) && k in after && !same(before[k], after[k]));
}

/** A value of a field as words: enums translated, dates formatted, ids named. */
function valueText(field: string, value: unknown, ctx: HistoryContext): string {
  const { t } = ctx;
  if (value === null || value === undefined || value === '') return t('history.empty');
  switch (field) {
    case 'health':
      return t(`health.${str(value)}` as MessageKey);
    case 'status':
      return t((['todo', 'in_progress', 'blocked', 'done'].includes(str(value)) ? `itemStatus.${str(value)}` : `collaborationStatus.${str(value)}`) as MessageKey);
    case 'scenario':
      return t(`scenario.${str(value)}` as MessageKey);
    case 'visibility':
      return t(`visibility.${str(value)}` as MessageKey);
    case 'mode':
      return t(`meetingMode.${str(value)}` as MessageKey);
    case 'dueDate':
      return ctx.date(str(value));
    case 'plannedStart':
    case 'plannedEnd':
      return ctx.instant(str(value));
    case 'ownerId':
    case 'hostId':
    case 'recorderId':
      return ctx.personName(str(value)) ?? t('history.someone');
    case 'participatingDepartmentIds':
      return Array.isArray(value) ? value.map((id) => ctx.departmentName(str(id)) ?? '?').join(t('history.listSeparator')) : str(value);
    case 'sensitive':
      return t(value ? 'history.yes' : 'history.no');
    case 'progress':
      return `${str(value)}%`;
    default:
      return Array.isArray(value) ? value.map(str).join(t('history.listSeparator')) : str(value);
  }
}

const fieldLabel = (field: string, t: Translate): string => {
  const key = `field.${field}` as MessageKey;
  const label = t(key);
  return label === key ? field : label;
};

/** "X changed <field> from A to B", or "X set <field> to B" when there was nothing before. */
function fieldChange(actor: string, field: string, before: Values, after: Values, ctx: HistoryContext, subject?: string): string {
  const params = { actor, field: fieldLabel(field, ctx.t), from: valueText(field, before[field], ctx), to: valueText(field, after[field], ctx), subject: subject ?? '' };
  const empty = before[field] === undefined || before[field] === null || before[field] === '';
  if (subject) return ctx.t(empty ? 'history.subjectFieldSet' : 'history.subjectFieldChanged', params);
  return ctx.t(empty ? 'history.fieldSet' : 'history.fieldChanged', params);
}

function collaborationSentences(e: HistoryEvent, actor: string, before: Values, after: Values, ctx: HistoryContext): string[] {
  const { t } = ctx;
  if (e.action === 'created') return [t('history.collaborationCreated', { actor })];
  if (e.action === 'archived') return [t('history.collaborationArchived', { actor })];
  const lines = changedKeys(before, after).map((field) => {
    if (field === 'progressSummary') return t('history.progressSummary', { actor, text: str(after[field]) });
    if (field === 'goal' || field === 'topic') return t('history.textChanged', { actor, field: fieldLabel(field, t), text: str(after[field]) });
    return fieldChange(actor, field, before, after, ctx);
  });
  return lines.length ? lines : [t('history.collaborationUpdated', { actor })];
}

function meetingSentences(e: HistoryEvent, actor: string, before: Values, after: Values, ctx: HistoryContext): string[] {
  const { t } = ctx;
  const meeting = str(after.title) || str(before.title) || ctx.meetingName(e.entityId) || t('history.aMeeting');
  switch (e.action) {
    case 'created': {
      const when = after.plannedStart ? ctx.instant(str(after.plannedStart)) : '';
      return [t('history.meetingCreated', { actor, meeting, when })];
    }
    case 'agenda_sent':
      return [t('history.agendaSent', { actor, meeting })];
    case 'agenda_resent':
      return [t('history.agendaResent', { actor, meeting })];
    case 'held':
      return [t('history.meetingHeld', { actor, meeting })];
    case 'published':
      return [t(after.publishedLate ? 'history.minutesPublishedLate' : 'history.minutesPublished', { actor, meeting })];
    case 'cancelled':
      return [t('history.meetingCancelled', { actor, meeting })];
    case 'reinstated':
      return [t('history.meetingReinstated', { actor, meeting })];
    default: {
      const fields = changedKeys(before, after, ['attendeeIds', 'agenda', 'sequence', 'updatedAt']);
      const lines = fields.map((field) => fieldChange(actor, field, before, after, ctx, meeting));
      return lines.length ? lines : [t('history.meetingUpdated', { actor, meeting })];
    }
  }
}

function topicSentences(e: HistoryEvent, actor: string, before: Values, after: Values, ctx: HistoryContext): string[] {
  const { t } = ctx;
  const topic = e.restricted ? t('history.restrictedTopic') : str(after.title) || str(before.title) || t('history.aTopic');
  const key = ({ created: 'history.topicCreated', updated: 'history.topicUpdated', corrected: 'history.topicCorrected', deleted: 'history.topicDeleted' } as const)[
    e.action as 'created' | 'updated' | 'corrected' | 'deleted'
  ];
  return [t(key ?? 'history.topicUpdated', { actor, topic })];
}

function actionItemSentences(e: HistoryEvent, actor: string, before: Values, after: Values, ctx: HistoryContext): string[] {
  const { t } = ctx;
  const item = e.restricted ? t('history.restrictedItem') : str(after.description) || str(before.description) || ctx.itemName(e.entityId) || t('history.anItem');
  const reasonOf = (v: Values) => str(v.reason) || str(v.delayReason);
  switch (e.action) {
    case 'created': {
      if (e.restricted) return [t('history.itemCreatedRestricted', { actor })];
      return [t('history.itemCreated', { actor, item, owner: valueText('ownerId', after.ownerId, ctx), date: valueText('dueDate', after.dueDate, ctx) })];
    }
    case 'due_date_moved': {
      const params = { actor, item, from: valueText('dueDate', before.dueDate, ctx), to: valueText('dueDate', after.dueDate, ctx) };
      const code = str(after.delayCode);
      const reason = [code ? ctx.delayCodeLabel(code) : null, reasonOf(after)].filter(Boolean).join(t('history.reasonSeparator'));
      return [reason ? t('history.dueDateMovedBecause', { ...params, reason }) : t('history.dueDateMoved', params)];
    }
    case 'progress_updated': {
      if (after.status === 'done' && before.status !== 'done') return [t('history.itemDone', { actor, item })];
      // The audit keeps only what changed: a report that moved no percentage carries just its words.
      const text = e.restricted ? '' : str(after.statusText);
      if (!('progress' in after)) return [text ? t('history.statusText', { actor, item, text }) : t('history.itemUpdated', { actor, item })];
      const params = { actor, item, from: str(before.progress ?? 0), to: str(after.progress), text };
      return [text ? t('history.progressWithText', params) : t('history.progress', params)];
    }
    case 'accepted':
      return [t('history.itemAccepted', { actor, item })];
    case 'reopened': {
      const reason = e.restricted ? '' : reasonOf(after);
      return [reason ? t('history.itemReopenedBecause', { actor, item, reason }) : t('history.itemReopened', { actor, item })];
    }
    default: {
      if (e.restricted) return [t('history.itemUpdated', { actor, item })];
      const fields = changedKeys(before, after, ['ownerDepartmentId', 'visibleToUserIds', 'progress', 'statusText', 'acceptedBy']);
      const lines = fields.map((field) => fieldChange(actor, field, before, after, ctx, item));
      return lines.length ? lines : [t('history.itemUpdated', { actor, item })];
    }
  }
}

/** A part of the record brought in from a template workbook: one sentence, not a line per field. */
function importedSentence(e: HistoryEvent, actor: string, after: Values, ctx: HistoryContext): string {
  const { t } = ctx;
  const quoted = (text: string) => t('history.quoted', { text });
  switch (e.entityType) {
    case 'collaboration':
      return t('history.importedRecord', { actor });
    case 'meeting':
      return t('history.importedPart', { actor, what: str(after.title) ? quoted(str(after.title)) : t('history.aMeeting') });
    case 'topic':
      return t('history.importedPart', { actor, what: e.restricted ? t('history.restrictedTopic') : str(after.title) ? quoted(str(after.title)) : t('history.aTopic') });
    case 'action_item':
      return t('history.importedPart', { actor, what: e.restricted ? t('history.restrictedItem') : str(after.description) ? quoted(str(after.description)) : t('history.anItem') });
    case 'progress_update':
      return t('history.importedPart', { actor, what: t('history.aProgressUpdate') });
    case 'remark':
      return t('history.importedPart', { actor, what: t('history.aRemark') });
    default:
      return t('history.generic', { actor });
  }
}

/**
 * An audit event as sentences in the UI language: "陈设计师 将“主视觉设计”的截止时间从 7月15日 改为
 * 7月17日，原因：客户需求调整". One sentence per changed field; events about sensitive content the
 * reader may not see say that something changed, never what.
 */
export function historySentences(event: HistoryEvent, ctx: HistoryContext): string[] {
  const actor = event.actor?.name ?? ctx.t('history.system');
  const before = (event.before ?? {}) as Values;
  const after = (event.after ?? {}) as Values;
  if (event.action === 'imported') return [importedSentence(event, actor, after, ctx)];
  switch (event.entityType) {
    case 'collaboration':
      return collaborationSentences(event, actor, before, after, ctx);
    case 'remark':
      return [ctx.t(after.kind === 'risk' ? 'history.riskAdded' : 'history.remarkAdded', { actor, text: str(after.text) })];
    case 'meeting':
      return meetingSentences(event, actor, before, after, ctx);
    case 'topic':
      return topicSentences(event, actor, before, after, ctx);
    case 'action_item':
      return actionItemSentences(event, actor, before, after, ctx);
    default:
      return [ctx.t('history.generic', { actor })];
  }
}
