import { describe, expect, it } from 'vitest';
import { frequentPhrases, itemTiming, reviewAsOf, reviewMetrics, type ReviewItem } from './review-metrics.ts';
import { parseQuarter } from './period.ts';
import { fixedClock } from './clock.ts';

const SHANGHAI = 'Asia/Shanghai';
const Q3 = parseQuarter('2024Q3')!;
const item = (overrides: Partial<ReviewItem>): ReviewItem => ({
  status: 'todo',
  dueDate: '2024-07-15',
  createdOn: '2024-07-01',
  completedOn: null,
  closedOn: null,
  updatedOn: [],
  ...overrides,
});

describe('reviewAsOf', () => {
  it('is today during the quarter and its last day once it is over, in the organisation time zone', () => {
    // 2024-07-20 17:00 UTC is already the 21st in Shanghai.
    expect(reviewAsOf(Q3, fixedClock('2024-07-20T17:00:00Z').now(), SHANGHAI)).toBe('2024-07-21');
    expect(reviewAsOf(Q3, fixedClock('2024-11-02T09:00:00+08:00').now(), SHANGHAI)).toBe('2024-09-30');
  });
});

describe('itemTiming', () => {
  it('counts done on the due date as on time, done later as late by whole days', () => {
    expect(itemTiming(item({ status: 'done', completedOn: '2024-07-15', closedOn: '2024-07-15' }), Q3, '2024-09-30')).toEqual({ decided: true, onTime: true, lateDays: 0 });
    expect(itemTiming(item({ status: 'done', completedOn: '2024-07-18', closedOn: '2024-07-18' }), Q3, '2024-09-30')).toEqual({ decided: true, onTime: false, lateDays: 3 });
  });

  it('counts an open item past its due date as late up to the as-of date, and one not yet due as undecided', () => {
    expect(itemTiming(item({}), Q3, '2024-07-20')).toEqual({ decided: true, onTime: false, lateDays: 5 });
    expect(itemTiming(item({}), Q3, '2024-07-15')).toEqual({ decided: false, onTime: false, lateDays: 0 });
    // Done after the as-of date: still open at it.
    expect(itemTiming(item({ dueDate: '2024-09-28', status: 'done', completedOn: '2024-10-03' }), Q3, '2024-09-30')).toEqual({ decided: true, onTime: false, lateDays: 2 });
  });

  it('leaves out cancelled items and items due outside the quarter', () => {
    expect(itemTiming(item({ status: 'cancelled' }), Q3, '2024-09-30')).toBeNull();
    expect(itemTiming(item({ dueDate: '2024-06-30' }), Q3, '2024-09-30')).toBeNull();
    expect(itemTiming(item({ dueDate: '2024-10-01' }), Q3, '2024-09-30')).toBeNull();
  });
});

describe('reviewMetrics', () => {
  it('computes the rates, lateness and compliance of a set', () => {
    const asOf = '2024-07-20';
    const metrics = reviewMetrics(
      [
        item({ status: 'done', dueDate: '2024-07-10', completedOn: '2024-07-09', closedOn: '2024-07-09', updatedOn: ['2024-07-04', '2024-07-09'] }),
        item({ status: 'done', dueDate: '2024-07-10', completedOn: '2024-07-14', closedOn: '2024-07-14', updatedOn: ['2024-07-14'] }),
        item({ status: 'in_progress', dueDate: '2024-07-12' }),
        item({ status: 'todo', dueDate: '2024-07-30' }),
        item({ status: 'cancelled', dueDate: '2024-07-12', closedOn: '2024-07-02' }),
      ],
      [
        { published: true, publishedLate: false },
        { published: true, publishedLate: true },
        { published: true, publishedLate: false },
        { published: false, publishedLate: null },
      ],
      Q3,
      asOf,
      3,
    );
    expect(metrics).toEqual({
      itemsDue: 4,
      itemsDecided: 3,
      itemsOnTime: 1,
      onTimeRate: 0.3333,
      overdueCount: 2,
      overdueDaysMean: 6, // 4 (done on the 14th) and 8 (open, as of the 20th)
      overdueDaysMax: 8,
      meetingsPublished: 3,
      meetingsPublishedInTime: 2,
      publishInTimeRate: 0.6667,
      // Open days: 8 + 13 + 20 + 20 + 1; stale days: 1 (the 8th, four days after the update of the 4th)
      // + 9 (5th–13th) + 16 (5th–20th) × 2 + 0.
      openItemDays: 62,
      compliantItemDays: 20,
      updateComplianceRate: 0.3226,
      escalations: 0,
      agendasDue: 0,
      agendasInTime: 0,
      agendaInTimeRate: null,
      // The mean of the shares of the rules that applied: (0.6667 + 0.3226 + 0.3333) / 3.
      compliance: {
        score: 0.4409,
        rules: [
          { rule: 'agenda_ahead', checked: 0, kept: 0, rate: null },
          { rule: 'publish_in_time', checked: 3, kept: 2, rate: 0.6667 },
          { rule: 'update_frequency', checked: 62, kept: 20, rate: 0.3226 },
          { rule: 'due_on_time', checked: 3, kept: 1, rate: 0.3333 },
        ],
      },
    });
  });

  it('counts agendas sent by their deadline, unsent ones once the deadline day has come, and escalations in the quarter', () => {
    const asOf = '2024-07-20';
    const metrics = reviewMetrics(
      [
        item({ dueDate: '2024-07-10', escalatedOn: '2024-07-13' }),
        item({ dueDate: '2024-07-12', escalatedOn: '2024-07-21' }), // after the as-of date
        item({ dueDate: '2024-06-25', createdOn: '2024-06-01', escalatedOn: '2024-06-28' }), // before the quarter
        item({ dueDate: '2024-07-25' }),
      ],
      [
        { published: true, publishedLate: false, agendaLate: false, agendaDueOn: '2024-07-09' },
        { published: true, publishedLate: false, agendaLate: true, agendaDueOn: '2024-07-11' },
        { published: false, publishedLate: null, agendaLate: null, agendaDueOn: '2024-07-20' }, // never sent, deadline today
        { published: false, publishedLate: null, agendaLate: null, agendaDueOn: '2024-07-25' }, // may still go out in time
        { published: false, publishedLate: null, agendaLate: false, agendaDueOn: '2024-07-29' }, // sent early
      ],
      Q3,
      asOf,
      3,
    );
    expect(metrics).toMatchObject({ escalations: 1, agendasDue: 4, agendasInTime: 2, agendaInTimeRate: 0.5 });
    expect(metrics.compliance.rules[0]).toEqual({ rule: 'agenda_ahead', checked: 4, kept: 2, rate: 0.5 });
    expect(metrics.compliance.rules[1]).toEqual({ rule: 'publish_in_time', checked: 2, kept: 2, rate: 1 });
  });

  it('answers null rates for an empty set', () => {
    expect(reviewMetrics([], [], Q3, '2024-09-30', 3)).toMatchObject({
      onTimeRate: null,
      publishInTimeRate: null,
      updateComplianceRate: null,
      overdueDaysMean: null,
      overdueDaysMax: null,
      agendaInTimeRate: null,
      escalations: 0,
      compliance: { score: null },
    });
  });
});

describe('frequentPhrases', () => {
  const texts = [
    '研发部反馈需求传递不清晰，接口文档滞后',
    '需求传递不清晰导致返工',
    '销售部认为需求传递不清晰。',
    '我们需要更多的预算',
    '预算不足，CRM 系统延期',
    'crm接口不稳定',
  ].map((text, i) => ({ text, ref: `t${i}` }));

  it('surfaces a phrase repeated across texts once, with where it came from', () => {
    const phrases = frequentPhrases(texts);
    expect(phrases[0]).toEqual({ phrase: '需求传递不清晰', count: 3, refs: ['t0', 't1', 't2'] });
    expect(phrases.map((p) => p.phrase)).toEqual(['需求传递不清晰', '延期', 'crm', '接口', '预算']);
    // No fragment of the phrase is listed on its own.
    expect(phrases.some((p) => p.phrase !== '需求传递不清晰' && '需求传递不清晰'.includes(p.phrase))).toBe(false);
  });

  it('counts one problem stated in different words across records as one, ahead of mere subjects', () => {
    const reworded = [
      '研发部反馈需求传递不清晰',
      '需求没有传达清楚，返工两次',
      '设计部：需求说明不明确',
      '需求描述模糊，客户希望尽快',
      '客户希望增加预算',
    ].map((text, i) => ({ text, ref: `r${i}` }));
    const phrases = frequentPhrases(reworded);
    expect(phrases[0]).toEqual({ phrase: '需求传递不清晰', count: 4, refs: ['r0', 'r1', 'r2', 'r3'] });
    expect(phrases.map((p) => p.phrase)).not.toContain('客户希望');
    expect(phrases.map((p) => p.phrase)).not.toContain('希望');
  });

  it('drops stop words and grams edged by particles, and caps the list', () => {
    const phrases = frequentPhrases([{ text: '我们的问题', ref: 1 }, { text: '我们的问题', ref: 2 }]);
    expect(phrases.map((p) => p.phrase)).toEqual([]);
    expect(frequentPhrases(texts, 2)).toHaveLength(2);
    expect(frequentPhrases([{ text: '需求', ref: 1 }])).toEqual([]);
  });
});
