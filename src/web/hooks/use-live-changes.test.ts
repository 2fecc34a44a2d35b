import { describe, expect, it } from 'vitest';
import { matchQuery, QueryClient } from '@tanstack/react-query';
import { parseLiveChange, queryKeysForChange, type LiveChange } from './use-live-changes.ts';

const change = (overrides: Partial<LiveChange>): LiveChange => ({
  collaborationId: 'c1',
  entityType: 'action_item',
  entityId: 'i1',
  action: 'progress_updated',
  actorId: 'u1',
  at: '2024-07-14T10:00:00.000Z',
  ...overrides,
});

/** Which of these cached queries a change would refetch. */
function refreshed(event: LiveChange, keys: unknown[][]): unknown[][] {
  const client = new QueryClient();
  for (const key of keys) client.setQueryData(key, 1);
  const cache = client.getQueryCache();
  const stale = keys.filter((key) => queryKeysForChange(event).some((filter) => matchQuery({ queryKey: filter }, cache.find({ queryKey: key, exact: true })!)));
  client.clear();
  return stale;
}

describe('live changes', () => {
  it('refreshes the pages showing the changed collaboration: its page, history, meetings and action items', () => {
    const keys = [
      ['collaborations', 'detail', 'c1'],
      ['collaborations', 'history', 'c1'],
      ['collaborations', 'list', {}, 20],
      ['collaborations', 'detail', 'c2'],
      ['meetings', 'm1'],
      ['meetings', 'list', { role: 'recorder' }, 50],
      ['action-items', 'detail', 'i1'],
      ['action-items', 'list', { ownerId: 'me' }, 200],
      ['departments'],
      ['me'],
    ];
    expect(refreshed(change({}), keys)).toEqual([
      ['collaborations', 'detail', 'c1'],
      ['collaborations', 'history', 'c1'],
      ['collaborations', 'list', {}, 20],
      ['meetings', 'm1'],
      ['meetings', 'list', { role: 'recorder' }, 50],
      ['action-items', 'detail', 'i1'],
      ['action-items', 'list', { ownerId: 'me' }, 200],
    ]);
  });

  it('rings the bell for a notification to me, and nothing else', () => {
    const event = change({ collaborationId: null, entityType: 'user', entityId: 'me', action: 'notification_received' });
    expect(refreshed(event, [['notifications', 20], ['collaborations', 'detail', 'c1'], ['me']])).toEqual([['notifications', 20]]);
  });

  it('refreshes the organisation’s people and departments when they change', () => {
    const event = change({ collaborationId: null, entityType: 'department', entityId: 'd1', action: 'updated' });
    expect(refreshed(event, [['departments'], ['users', 'search', ''], ['meetings', 'm1']])).toEqual([['departments'], ['users', 'search', '']]);
  });

  it('reads only well-formed events', () => {
    expect(parseLiveChange(JSON.stringify(change({})))).toMatchObject({ entityType: 'action_item', entityId: 'i1' });
    expect(parseLiveChange('not json')).toBeNull();
    expect(parseLiveChange('{"hello":1}')).toBeNull();
    expect(parseLiveChange('null')).toBeNull();
  });
});
