// Undo/redo as reversed diffs with named steps. A step records the change that undoes it and the
// change that redoes it (both patch lists), never a copy of the model.

import type { Model } from '../../../generator/model/types.js';
import { applyChange, describeChange, type Change } from './changes.js';

export interface Step {
  label: string;
  undo: Change;
  redo: Change;
}

export interface History {
  past: readonly Step[];
  future: readonly Step[];
}

export const emptyHistory: History = { past: [], future: [] };

/** Most steps kept; older ones are dropped (their edits stay in the model). */
export const HISTORY_LIMIT = 500;

export interface Committed {
  model: Model;
  history: History;
}

/** Apply `change` and record it as one named step (throws ChangeRefused like applyChange). */
export function commit(model: Model, history: History, change: Change, label = describeChange(change)): Committed {
  const applied = applyChange(model, change);
  const past = [...history.past, { label, undo: applied.inverse, redo: change }].slice(-HISTORY_LIMIT);
  return { model: applied.model, history: { past, future: [] } };
}

export function undo(model: Model, history: History): Committed | undefined {
  const step = history.past.at(-1);
  if (!step) return undefined;
  const applied = applyChange(model, step.undo);
  // Redo replays the exact diff that undo reverted, so it cannot drift from what was undone.
  return {
    model: applied.model,
    history: { past: history.past.slice(0, -1), future: [...history.future, { ...step, redo: applied.inverse }] },
  };
}

export function redo(model: Model, history: History): Committed | undefined {
  const step = history.future.at(-1);
  if (!step) return undefined;
  const applied = applyChange(model, step.redo);
  return {
    model: applied.model,
    history: { past: [...history.past, { ...step, undo: applied.inverse }], future: history.future.slice(0, -1) },
  };
}

export const undoLabel = (h: History): string | undefined => h.past.at(-1)?.label;
export const redoLabel = (h: History): string | undefined => h.future.at(-1)?.label;
