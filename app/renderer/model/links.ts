// The links of a model: every reference between elements that the board draws as an arrow.
// Derived from the model on every change (the model is the only truth; arrows are a view of it).

import type { Element, Model, NameRef } from '../../../generator/model/types.js';
import type { Relation } from './grammar.js';
import { allElements, refOf, resolveRef, sameRef, type ElementRef } from './refs.js';

export interface Link {
  relation: Relation;
  source: ElementRef;
  target: ElementRef;
}

export const linkId = (l: Link): string =>
  `${l.relation}:${l.source.context}/${l.source.kind}/${l.source.name}->${l.target.context}/${l.target.kind}/${l.target.name}`;

/** All links of the model, in a deterministic order (file order of their owners). */
export function linksOf(model: Model): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  const push = (link: Link) => {
    const id = linkId(link);
    if (seen.has(id)) return;
    seen.add(id);
    out.push(link);
  };
  const resolve = (owner: Element, ref: NameRef | undefined, kinds: Element['kind'][]) =>
    ref ? resolveRef(model, owner.context, ref, kinds) : undefined;

  for (const el of allElements(model)) {
    const me = refOf(el);
    switch (el.kind) {
      case 'command': {
        const actor = resolve(el, el.actor, ['actor']);
        if (actor) push({ relation: 'actor', source: refOf(actor), target: me });
        const agg = resolve(el, el.aggregate.name ? el.aggregate : undefined, ['aggregate']);
        if (agg) push({ relation: 'aggregate', source: me, target: refOf(agg) });
        for (const e of el.emits) {
          const ev = resolve(el, e, ['event']);
          if (ev) push({ relation: 'emits', source: me, target: refOf(ev) });
        }
        break;
      }
      case 'event': {
        const agg = resolve(el, el.aggregate, ['aggregate']);
        if (agg) push({ relation: 'owns', source: refOf(agg), target: me });
        const src = resolve(el, el.source, ['externalSystem']);
        if (src) push({ relation: 'delivers', source: refOf(src), target: me });
        break;
      }
      case 'policy': {
        for (const e of el.on) {
          const ev = resolve(el, e, ['event']);
          if (ev) push({ relation: 'on', source: refOf(ev), target: me });
        }
        for (const c of el.issues) {
          const cmd = resolve(el, c, ['command']);
          if (cmd) push({ relation: 'issues', source: me, target: refOf(cmd) });
        }
        break;
      }
      case 'projection':
        for (const e of el.from) {
          const ev = resolve(el, e, ['event']);
          if (ev) push({ relation: 'from', source: refOf(ev), target: me });
        }
        break;
      case 'actor':
        for (const p of el.reads ?? []) {
          const rm = resolve(el, p, ['projection']);
          if (rm) push({ relation: 'reads', source: refOf(rm), target: me });
        }
        break;
      case 'externalSystem':
        for (const e of el.emits) {
          const ev = resolve(el, e, ['event']);
          if (ev) push({ relation: 'delivers', source: me, target: refOf(ev) });
        }
        break;
      case 'hotspot':
        for (const a of el.about) {
          const target = resolve(el, a, ['aggregate', 'command', 'event', 'policy', 'projection', 'actor', 'externalSystem', 'valueObject']);
          if (target) push({ relation: 'about', source: me, target: refOf(target) });
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/** The links that touch any of `refs` (what goes away with them when they are deleted). */
export function linksTouching(model: Model, refs: readonly ElementRef[]): Link[] {
  return linksOf(model).filter((l) => refs.some((r) => sameRef(r, l.source) || sameRef(r, l.target)));
}
