// Where an element refers to other elements: the reference "slots" of each kind. Renaming and
// deleting an element walk these slots so that no arrow is left pointing at a name that is gone.

import type { Element, ElementKind, NameRef } from '../../../generator/model/types.js';
import { ALL_KINDS } from './kinds.js';
import { boardLoc, refNames, type ElementRef } from './refs.js';

interface Slot {
  key: string;
  /** Kinds of element the names in this slot resolve to. */
  kinds: readonly ElementKind[];
  many: boolean;
  /** A required single reference is blanked (name '') instead of removed. */
  required?: boolean;
}

const SLOTS: Partial<Record<ElementKind, readonly Slot[]>> = {
  command: [
    { key: 'actor', kinds: ['actor'], many: false },
    { key: 'aggregate', kinds: ['aggregate'], many: false, required: true },
    { key: 'emits', kinds: ['event'], many: true },
  ],
  event: [
    { key: 'aggregate', kinds: ['aggregate'], many: false },
    { key: 'source', kinds: ['externalSystem'], many: false },
  ],
  policy: [
    { key: 'on', kinds: ['event'], many: true },
    { key: 'issues', kinds: ['command'], many: true },
  ],
  projection: [{ key: 'from', kinds: ['event'], many: true }],
  actor: [{ key: 'reads', kinds: ['projection'], many: true }],
  externalSystem: [{ key: 'emits', kinds: ['event'], many: true }],
  hotspot: [{ key: 'about', kinds: ALL_KINDS, many: true }],
};

type Rewrite = (ref: NameRef) => NameRef | null;

/** Apply `rewrite` to every reference of `el` that names `target`; undefined when nothing changed. */
function rewriteRefs(el: Element, target: ElementRef, rewrite: Rewrite): Element | undefined {
  const slots = SLOTS[el.kind];
  if (!slots) return undefined;
  let next: Record<string, unknown> | undefined;
  const bag = el as unknown as Record<string, unknown>;
  for (const slot of slots) {
    if (!slot.kinds.includes(target.kind)) continue;
    const value = bag[slot.key];
    if (slot.many) {
      const list = (value as NameRef[] | undefined) ?? [];
      if (!list.some((r) => refNames(r, el.context, target))) continue;
      const rewritten = list.flatMap((r) => {
        if (!refNames(r, el.context, target)) return [r];
        const out = rewrite(r);
        return out ? [out] : [];
      });
      next = { ...(next ?? bag), [slot.key]: rewritten };
    } else {
      const ref = value as NameRef | undefined;
      if (!ref || !refNames(ref, el.context, target)) continue;
      const out = rewrite(ref);
      next = { ...(next ?? bag), [slot.key]: out ?? (slot.required ? { name: '', loc: ref.loc } : undefined) };
      if (!out && !slot.required) delete next[slot.key];
    }
  }
  return next as Element | undefined;
}

/** `el` without its references to `target` (undefined when it had none). */
export const withoutRefsTo = (el: Element, target: ElementRef): Element | undefined => rewriteRefs(el, target, () => null);

/** `el` with references to `target` renamed to `to` (undefined when it had none). */
export const withRefsRenamed = (el: Element, target: ElementRef, to: string): Element | undefined =>
  rewriteRefs(el, target, (r) => ({ ...r, name: to }));

/** `el` with references to `target` pointing at `to` instead (undefined when it had none). */
export const withRefsMoved = (el: Element, target: ElementRef, to: ElementRef, file: string): Element | undefined =>
  rewriteRefs(el, target, (r) => (to.context === el.context ? { name: to.name, loc: r.loc ?? boardLoc(file) } : { name: to.name, context: to.context, loc: r.loc ?? boardLoc(file) }));

/**
 * `el`, moved from context `from` to `to`: every reference it holds still names the same element,
 * qualified only where it now crosses contexts.
 */
export function requalified(el: Element, from: string, to: string): Element {
  const slots = SLOTS[el.kind] ?? [];
  const bag = { ...(el as unknown as Record<string, unknown>) };
  const fix = (r: NameRef): NameRef => {
    const ctx = r.context ?? from;
    if (ctx === to) {
      const { context: _c, ...rest } = r;
      return rest;
    }
    return { ...r, context: ctx };
  };
  for (const slot of slots) {
    const value = bag[slot.key];
    if (value === undefined) continue;
    if (slot.many) bag[slot.key] = (value as NameRef[]).map(fix);
    else if ((value as NameRef).name !== '') bag[slot.key] = fix(value as NameRef);
  }
  return { ...(bag as unknown as Element), context: to };
}
