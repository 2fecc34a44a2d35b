import { describe, expect, it } from 'vitest';
import { allowedTargets, boardMove } from './board-moves.ts';

const none = { update: false, postUpdate: false, accept: false, reopen: false };
const owner = { ...none, postUpdate: true };
const editor = { update: true, postUpdate: true, accept: false, reopen: false };

describe('moving a card on the action item board', () => {
  it('lets editors change an open item’s status directly, but "done" always goes through a 100 % update', () => {
    const item = { status: 'todo' as const, restricted: false, abilities: editor };
    expect(boardMove(item, 'blocked')).toEqual({ kind: 'patch', status: 'blocked' });
    expect(boardMove(item, 'done')).toEqual({ kind: 'update', preset: { status: 'done', progress: 100 } });
    expect(boardMove(item, 'todo')).toEqual({ kind: 'none' });
  });

  it('opens the update form for the owner, who may report progress but not edit the item', () => {
    const item = { status: 'in_progress' as const, restricted: false, abilities: owner };
    expect(boardMove(item, 'blocked')).toEqual({ kind: 'update', preset: { status: 'blocked' } });
    expect(allowedTargets(item)).toEqual(['todo', 'blocked', 'done']);
  });

  it('sends a finished item back only by reopening it, and only for the initiating side', () => {
    expect(boardMove({ status: 'done', restricted: false, abilities: { ...editor, postUpdate: false, reopen: true } }, 'in_progress')).toEqual({ kind: 'reopen' });
    expect(boardMove({ status: 'done', restricted: false, abilities: { ...owner, postUpdate: false } }, 'in_progress')).toEqual({ kind: 'forbidden' });
  });

  it('moves nothing for readers or for someone else’s sensitive item', () => {
    expect(allowedTargets({ status: 'todo', restricted: false, abilities: none })).toEqual([]);
    expect(boardMove({ status: 'todo', restricted: true }, 'done')).toEqual({ kind: 'forbidden' });
  });
});
