import type { ActionItemStatus } from '../../api/types.ts';
import type { ActionItemAbilities } from '../../../server/policies/action-item.ts';

/** The board's columns, in the order work flows; cancelled items are left off the board. */
export const BOARD_COLUMNS = ['todo', 'in_progress', 'blocked', 'done'] as const satisfies readonly ActionItemStatus[];
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

/** What dropping a card on another column does, given what the API lets this person do with the item. */
export type BoardMove =
  | { kind: 'none' }
  /** PATCH /action-items/:id {status, version}: editors change an open item's status directly. */
  | { kind: 'patch'; status: Exclude<BoardColumn, 'done'> }
  /** The progress update form, preset: the owner moves their own item, and "done" always means 100 %. */
  | { kind: 'update'; preset: { status: BoardColumn; progress?: number } }
  /** A finished item goes back to work only through "reopen", with a reason. */
  | { kind: 'reopen' }
  | { kind: 'forbidden' };

/** A card: a restricted item (someone else's sensitive one) carries no abilities and never moves. */
export type MovableItem = { status: ActionItemStatus; restricted: boolean; abilities?: ActionItemAbilities };

/**
 * Decides a card move from the item's abilities (the server still refuses what is not allowed):
 * done needs a 100 % update (its status text says what was delivered); open → open is a status edit
 * for editors and an update for the owner; done → elsewhere is a reopen by the initiating side.
 */
export function boardMove(item: MovableItem, target: BoardColumn): BoardMove {
  if (item.status === target) return { kind: 'none' };
  if (item.restricted || !item.abilities) return { kind: 'forbidden' };
  const abilities = item.abilities;
  const isClosed = item.status === 'done' || item.status === 'cancelled';
  if (isClosed) return target !== 'done' && abilities.reopen ? { kind: 'reopen' } : { kind: 'forbidden' };
  if (target === 'done') return abilities.postUpdate ? { kind: 'update', preset: { status: 'done', progress: 100 } } : { kind: 'forbidden' };
  if (abilities.update) return { kind: 'patch', status: target };
  if (abilities.postUpdate) return { kind: 'update', preset: { status: target } };
  return { kind: 'forbidden' };
}

/** The columns a card may go to, for the keyboard- and touch-friendly "move to" menu. */
export function allowedTargets(item: MovableItem): BoardColumn[] {
  return BOARD_COLUMNS.filter((column) => {
    const move = boardMove(item, column);
    return move.kind !== 'none' && move.kind !== 'forbidden';
  });
}
