// Where an element refers to other elements: the reference slots of the core's relationship
// table (generator/model/relations.ts). Renaming and deleting an element walk these slots so
// that no arrow is left pointing at a name that is gone. Which reference names the element is
// decided by the core's name index (refs.ts), as the validator decides it: an unqualified
// `on: [PaymentFailed]` in another context is renamed with the event.

import { slotsOf } from '../../../generator/model/without-parser.js';
import type { Element, Model, NameRef } from '../../../generator/model/types.js';
import { boardLoc, refNames, resolveRef, type ElementRef } from './refs.js';

/** Does `ref`, written in context `owner`, name `target`? */
export type NamesTarget = (ref: NameRef, owner: string, target: ElementRef) => boolean;

/** Names as the validator resolves them in `model`. */
export const resolvedIn = (model: Model): NamesTarget => (ref, owner, target) => refNames(model, ref, owner, target);

/**
 * Names as written, without a model: the name, and the context it is qualified with or written
 * in. For elements being pasted, whose targets are copies not in the model yet.
 */
export const asWritten: NamesTarget = (ref, owner, target) => ref.name === target.name && (ref.context ?? owner) === target.context;

type Rewrite = (ref: NameRef) => NameRef | null;

/** Apply `rewrite` to every reference of `el` that names `target`; undefined when nothing changed. */
function rewriteRefs(el: Element, target: ElementRef, rewrite: Rewrite, names: NamesTarget): Element | undefined {
  const slots = slotsOf(el.kind);
  let next: Record<string, unknown> | undefined;
  const bag = el as unknown as Record<string, unknown>;
  for (const slot of slots) {
    if (!slot.targets.includes(target.kind)) continue;
    const value = bag[slot.key];
    if (slot.many) {
      const list = (value as NameRef[] | undefined) ?? [];
      if (!list.some((r) => names(r, el.context, target))) continue;
      const rewritten = list.flatMap((r) => {
        if (!names(r, el.context, target)) return [r];
        const out = rewrite(r);
        return out ? [out] : [];
      });
      next = { ...(next ?? bag), [slot.key]: rewritten };
    } else {
      const ref = value as NameRef | undefined;
      if (!ref || !names(ref, el.context, target)) continue;
      const out = rewrite(ref);
      next = { ...(next ?? bag), [slot.key]: out ?? (slot.required ? { name: '', loc: ref.loc } : undefined) };
      if (!out && !slot.required) delete next[slot.key];
    }
  }
  return next as Element | undefined;
}

/** `el` without its references to `target` (undefined when it had none). */
export const withoutRefsTo = (el: Element, target: ElementRef, names: NamesTarget): Element | undefined => rewriteRefs(el, target, () => null, names);

/** `el` with references to `target` renamed to `to` (undefined when it had none). */
export const withRefsRenamed = (el: Element, target: ElementRef, to: string, names: NamesTarget): Element | undefined =>
  rewriteRefs(el, target, (r) => ({ ...r, name: to }), names);

/** `el` with references to `target` pointing at `to` instead (undefined when it had none). */
export const withRefsMoved = (el: Element, target: ElementRef, to: ElementRef, file: string, names: NamesTarget): Element | undefined =>
  rewriteRefs(el, target, (r) => (to.context === el.context ? { name: to.name, loc: r.loc ?? boardLoc(file) } : { name: to.name, context: to.context, loc: r.loc ?? boardLoc(file) }), names);

/**
 * `el`, moved from context `from` to `to`: every reference it holds still names the same element,
 * qualified only where it now crosses contexts. Which element a name means is decided in `model`
 * (before the move) by the core's name index, so an unqualified name that resolved in another
 * context (`on: [PaymentFailed]` of Payments) keeps pointing there; a name that resolves to
 * nothing keeps the context it was written in.
 */
export function requalified(model: Model, el: Element, from: string, to: string): Element {
  const bag = { ...(el as unknown as Record<string, unknown>) };
  for (const slot of slotsOf(el.kind)) {
    const fix = (r: NameRef): NameRef => {
      const ctx = resolveRef(model, from, r, slot.targets)?.context ?? r.context ?? from;
      if (ctx === to) {
        const { context: _c, ...rest } = r;
        return rest;
      }
      return { ...r, context: ctx };
    };
    const value = bag[slot.key];
    if (value === undefined) continue;
    if (slot.many) bag[slot.key] = (value as NameRef[]).map(fix);
    else if ((value as NameRef).name !== '') bag[slot.key] = fix(value as NameRef);
  }
  return { ...(bag as unknown as Element), context: to };
}
