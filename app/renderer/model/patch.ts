// The smallest edits of a model: put (or remove) one element, one canvas position, one context's
// specs. Every board change is planned as a list of these; applying one returns the op that
// undoes it, so undo/redo are reversed diffs and never snapshots of the whole model.

import type { BoundedContext, Element, ElementKind, Layout, Model, Spec } from '../../../generator/model/types.js';
import { COLLECTION_OF } from './kinds.js';

export interface Position {
  x: number;
  y: number;
  w?: number;
  h?: number;
}

export type PatchOp =
  /** Put `value` as the element `name` of `kind` (inserted at `index` when absent); null removes it. */
  | { op: 'element'; context: string; kind: ElementKind; name: string; index: number; value: Element | null }
  /** Set or clear the canvas position of element `name` in the layout sidecar of `file`. */
  | { op: 'position'; file: string; name: string; value: Position | null }
  /** Replace the given/when/then specs of a context. */
  | { op: 'specs'; context: string; value: Spec[] }
  /**
   * Put `value` as the bounded context `name` (inserted at `index` when absent); null removes it.
   * A value with another name replaces the context in place (a rename keeps its file and frame slot).
   */
  | { op: 'context'; name: string; index: number; value: BoundedContext | null };

export class PatchError extends Error {}

function replaceContext(model: Model, name: string, update: (ctx: BoundedContext) => BoundedContext): Model {
  const i = model.contexts.findIndex((c) => c.name === name);
  if (i < 0) throw new PatchError(`no bounded context named ${name}`);
  const contexts = model.contexts.slice();
  contexts[i] = update(contexts[i]!);
  return { ...model, contexts };
}

/** Apply one op; returns the new model (structurally shared) and the op that undoes it. */
export function applyOp(model: Model, op: PatchOp): { model: Model; inverse: PatchOp } {
  switch (op.op) {
    case 'element': {
      let inverse: PatchOp = op;
      const next = replaceContext(model, op.context, (ctx) => {
        const key = COLLECTION_OF[op.kind];
        const list = (ctx[key] as Element[]).slice();
        const at = list.findIndex((e) => e.name === op.name);
        const previous = at >= 0 ? list[at]! : null;
        if (op.value === null) {
          if (at < 0) return ctx;
          list.splice(at, 1);
        } else if (at >= 0) {
          list[at] = op.value;
        } else {
          list.splice(Math.min(Math.max(op.index, 0), list.length), 0, op.value);
        }
        inverse = { ...op, index: at >= 0 ? at : Math.min(Math.max(op.index, 0), list.length - 1), value: previous };
        return { ...ctx, [key]: list };
      });
      return { model: next, inverse };
    }
    case 'position': {
      const layout: Layout = model.layouts[op.file] ?? { positions: {} };
      const previous = layout.positions[op.name] ?? null;
      const positions = { ...layout.positions };
      if (op.value === null) delete positions[op.name];
      else positions[op.name] = op.value;
      return {
        model: { ...model, layouts: { ...model.layouts, [op.file]: { ...layout, positions } } },
        inverse: { ...op, value: previous },
      };
    }
    case 'context': {
      const contexts = model.contexts.slice();
      const at = contexts.findIndex((c) => c.name === op.name);
      const previous = at >= 0 ? contexts[at]! : null;
      if (op.value === null) {
        if (at >= 0) contexts.splice(at, 1);
      } else if (at >= 0) {
        contexts[at] = op.value;
      } else {
        contexts.splice(Math.min(Math.max(op.index, 0), contexts.length), 0, op.value);
      }
      const index = at >= 0 ? at : Math.min(Math.max(op.index, 0), contexts.length - 1);
      // The inverse finds the context under the name it has now.
      const inverse: PatchOp = { op: 'context', name: op.value?.name ?? op.name, index, value: previous };
      return { model: { ...model, contexts }, inverse };
    }
    case 'specs': {
      let previous: Spec[] = [];
      const next = replaceContext(model, op.context, (ctx) => {
        previous = ctx.specs;
        return { ...ctx, specs: op.value };
      });
      return { model: next, inverse: { ...op, value: previous } };
    }
  }
}

/** Apply ops in order; the inverse list undoes them in reverse order. */
export function applyOps(model: Model, ops: readonly PatchOp[]): { model: Model; inverse: PatchOp[] } {
  let current = model;
  const inverse: PatchOp[] = [];
  for (const op of ops) {
    const r = applyOp(current, op);
    current = r.model;
    inverse.unshift(r.inverse);
  }
  return { model: current, inverse };
}
