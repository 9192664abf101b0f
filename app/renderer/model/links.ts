// The links of a model: every reference between elements that the board draws as an arrow.
// Derived from the model on every change (the model is the only truth; arrows are a view of it).

import { arrowEnds, slotRefs, slotsOf, type Relation } from '../../../generator/model/without-parser.js';
import type { Model } from '../../../generator/model/types.js';
import { allElements, refOf, resolveRef, sameRef, type ElementRef } from './refs.js';

export interface Link {
  relation: Relation;
  source: ElementRef;
  target: ElementRef;
}

export const linkId = (l: Link): string =>
  `${l.relation}:${l.source.context}/${l.source.kind}/${l.source.name}->${l.target.context}/${l.target.kind}/${l.target.name}`;

/**
 * All links of the model, in a deterministic order (file order of their holders): one per
 * reference of the core's relationship table (generator/model/relations.ts) that the core's name
 * index resolves, exactly the references the validator accepts. Duplicates (an external
 * system's `emits` and the event's `source` both mean one `delivers` arrow) are drawn once.
 */
export function linksOf(model: Model): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  for (const el of allElements(model)) {
    const me = refOf(el);
    for (const slot of slotsOf(el.kind)) {
      for (const ref of slotRefs(el, slot)) {
        const target = resolveRef(model, el.context, ref, slot.targets);
        if (!target) continue;
        const link: Link = { relation: slot.relation, ...arrowEnds(slot, me, refOf(target)) };
        const id = linkId(link);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(link);
      }
    }
  }
  return out;
}

/** The links that touch any of `refs` (what goes away with them when they are deleted). */
export function linksTouching(model: Model, refs: readonly ElementRef[]): Link[] {
  return linksOf(model).filter((l) => refs.some((r) => sameRef(r, l.source) || sameRef(r, l.target)));
}
