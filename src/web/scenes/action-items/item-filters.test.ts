import { describe, expect, it } from 'vitest';
import { boardFilters, itemFiltersFromParams, itemViewFromParams } from './item-filters.ts';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('action item filters in the address bar', () => {
  it('reads every filter a shared link may carry', () => {
    const params = new URLSearchParams(`ownerId=${ID}&collaborationId=${ID}&status=blocked&overdue=true&dueAfter=2024-07-01&dueBefore=2024-07-31&q=%20主视觉%20&view=board`);
    expect(itemFiltersFromParams(params)).toEqual({
      ownerId: ID,
      collaborationId: ID,
      status: 'blocked',
      overdue: true,
      dueAfter: '2024-07-01',
      dueBefore: '2024-07-31',
      q: '主视觉',
    });
    expect(itemViewFromParams(params)).toBe('board');
  });

  it('keeps "me" as the owner and drops what the API would refuse', () => {
    expect(itemFiltersFromParams(new URLSearchParams('ownerId=me'))).toEqual({ ownerId: 'me' });
    const junk = new URLSearchParams('ownerId=someone&collaborationId=42&status=late&overdue=yes&dueBefore=2024-02-30&q=');
    expect(itemFiltersFromParams(junk)).toEqual({});
    expect(itemViewFromParams(junk)).toBe('list');
  });

  it('lets the board columns decide the status', () => {
    expect(boardFilters({ status: 'done', ownerId: 'me' })).toEqual({ ownerId: 'me' });
  });
});
