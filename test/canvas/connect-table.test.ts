// `connect` writes from the core's relationship table (generator/model/relations.ts): for every
// arrow the board's grammar allows, in one context and across two, the new link is exactly the
// one drawn, the name lands in the table row's key, the inverse restores the model, and the
// validator accepts the reference (no unresolved name).
import { describe, expect, it } from 'vitest';
import { CONNECTIONS, REFERENCE_SLOTS, validateModel } from '../../generator/model/index.js';
import type { ElementKind, Model } from '../../generator/model/types.js';
import { applyChange, type Change } from '../../app/renderer/model/changes.js';
import { linkId, linksOf } from '../../app/renderer/model/links.js';
import { findElement, type ElementRef } from '../../app/renderer/model/refs.js';
import { lendingModel } from './fixture.js';

const KINDS: ElementKind[] = ['actor', 'command', 'aggregate', 'event', 'policy', 'projection', 'externalSystem', 'hotspot'];

/** The fixture plus a fresh sticky of every kind in Lending and in a second context, Billing. */
function boardWithEveryKind(): Model {
  let model = lendingModel();
  model = applyChange(model, { type: 'addContext', name: 'Billing', file: 'billing.yaml' }).model;
  for (const context of ['Lending', 'Billing']) {
    for (const kind of KINDS) model = applyChange(model, { type: 'add', context, kind, name: `New${kind[0]!.toUpperCase()}${kind.slice(1)}` } as Change).model;
  }
  return model;
}

const fresh = (context: string, kind: ElementKind): ElementRef => ({ context, kind, name: `New${kind[0]!.toUpperCase()}${kind.slice(1)}` });
const unresolved = (model: Model) => validateModel(model).filter((d) => d.code === 'E_UNRESOLVED_REF' || d.code === 'E_AMBIGUOUS_REF');

describe('connect writes from the relationship table', () => {
  const arrows = [...CONNECTIONS, ...KINDS.filter((k) => k !== 'hotspot').map((to) => ({ from: 'hotspot' as ElementKind, to, relation: 'about' as const }))];
  for (const { from, to, relation } of arrows) {
    for (const [sourceContext, targetContext] of [['Lending', 'Lending'], ['Lending', 'Billing']] as const) {
      it(`${from} -> ${to} (${relation}), ${sourceContext === targetContext ? 'one context' : 'across contexts'}`, () => {
        const model = boardWithEveryKind();
        const source = fresh(sourceContext, from);
        const target = fresh(targetContext, to);
        const before = new Set(linksOf(model).map(linkId));
        const applied = applyChange(model, { type: 'connect', source, target });
        const added = linksOf(applied.model).filter((l) => !before.has(linkId(l)));
        expect(added).toEqual([{ relation, source, target }]);
        // The name is written where the table says (the holder's key).
        const slot = REFERENCE_SLOTS.find((s) => s.relation === relation && (s.arrow === 'out' ? s.holder === from && s.targets.includes(to) : s.holder === to && s.targets.includes(from)))!;
        const holder = findElement(applied.model, slot.arrow === 'out' ? source : target) as unknown as Record<string, unknown>;
        const named = slot.arrow === 'out' ? target : source;
        const value = holder[slot.key] as { name: string; context?: string } | { name: string; context?: string }[];
        const names = (Array.isArray(value) ? value : [value]).map((r) => (r.context ? `${r.context}.${r.name}` : r.name));
        expect(names).toContain(named.context === (slot.arrow === 'out' ? source : target).context ? named.name : `${named.context}.${named.name}`);
        expect(unresolved(applied.model)).toEqual(unresolved(model));
        expect(applyChange(applied.model, applied.inverse).model).toEqual(model);
      });
    }
  }
});
