// The relationship table of the model: every place where one element names another, once, as
// data. Who emits, handles, issues, feeds, reads what. The validator's reference collection
// (validate/references.ts), the canvas's arrows, its connection grammar and its rename/delete
// rewrites (app/renderer/model/) all derive from this table, and all resolve the names in it
// with the one name index (validate/name-index.ts), so the canvas and the validator cannot
// disagree about what a name means.
import type { Element, ElementKind, NameRef } from './types.js';

/** What an arrow on the board means, named after the YAML key it writes. */
export type Relation = 'actor' | 'aggregate' | 'emits' | 'owns' | 'on' | 'issues' | 'from' | 'delivers' | 'consumes' | 'about' | 'reads';

/** Every kind a name can resolve to (hotspot `about` may name any of them). */
export const ANY_ELEMENT: readonly ElementKind[] = ['aggregate', 'command', 'event', 'policy', 'projection', 'actor', 'externalSystem', 'valueObject'];

export interface ReferenceSlot {
  /** The kind of element whose YAML holds the name. */
  holder: ElementKind;
  /** The YAML key (and the element's property) that holds it. */
  key: string;
  /** The kinds the name must resolve to. */
  targets: readonly ElementKind[];
  /** A list of names (true) or one name. */
  many: boolean;
  /** A required single name is blanked (name '') rather than removed when its target goes. */
  required?: boolean;
  /** The board's meaning of the arrow. */
  relation: Relation;
  /** Which way the board draws the arrow: from the holder to the target, or the other way. */
  arrow: 'out' | 'in';
  /** The reference couples two contexts (hotspot questions do not). */
  dependency: boolean;
  /** The holder reads the event (policy `on`, projection `from`). */
  consumes: boolean;
  /** For messages: `event emitted by command BorrowBook`. */
  role: (holder: string) => string;
}

/** The table, in the order references are collected (holder kind, then key). */
export const REFERENCE_SLOTS: readonly ReferenceSlot[] = [
  { holder: 'command', key: 'actor', targets: ['actor'], many: false, relation: 'actor', arrow: 'in', dependency: true, consumes: false, role: (n) => `actor of command ${n}` },
  { holder: 'command', key: 'aggregate', targets: ['aggregate'], many: false, required: true, relation: 'aggregate', arrow: 'out', dependency: true, consumes: false, role: (n) => `aggregate of command ${n}` },
  { holder: 'command', key: 'emits', targets: ['event'], many: true, relation: 'emits', arrow: 'out', dependency: true, consumes: false, role: (n) => `event emitted by command ${n}` },
  { holder: 'actor', key: 'reads', targets: ['projection'], many: true, relation: 'reads', arrow: 'in', dependency: true, consumes: false, role: (n) => `read model read by actor ${n}` },
  { holder: 'event', key: 'aggregate', targets: ['aggregate'], many: false, relation: 'owns', arrow: 'in', dependency: true, consumes: false, role: (n) => `aggregate of event ${n}` },
  { holder: 'event', key: 'source', targets: ['externalSystem'], many: false, relation: 'delivers', arrow: 'in', dependency: true, consumes: false, role: (n) => `source of event ${n}` },
  { holder: 'externalSystem', key: 'emits', targets: ['event'], many: true, relation: 'delivers', arrow: 'out', dependency: true, consumes: false, role: (n) => `event emitted by external system ${n}` },
  // Outbound integration: the system is told about the event (docs/adr/0097).
  { holder: 'externalSystem', key: 'consumes', targets: ['event'], many: true, relation: 'consumes', arrow: 'in', dependency: true, consumes: true, role: (n) => `event consumed by external system ${n}` },
  { holder: 'policy', key: 'on', targets: ['event'], many: true, relation: 'on', arrow: 'in', dependency: true, consumes: true, role: (n) => `event that policy ${n} reacts to` },
  { holder: 'policy', key: 'issues', targets: ['command'], many: true, relation: 'issues', arrow: 'out', dependency: true, consumes: false, role: (n) => `command issued by policy ${n}` },
  // The policy's logic reads the read model to decide (docs/adr/0096).
  { holder: 'policy', key: 'reads', targets: ['projection'], many: true, relation: 'reads', arrow: 'in', dependency: true, consumes: false, role: (n) => `read model read by policy ${n}` },
  { holder: 'projection', key: 'from', targets: ['event'], many: true, relation: 'from', arrow: 'in', dependency: true, consumes: true, role: (n) => `source event of projection ${n}` },
  { holder: 'hotspot', key: 'about', targets: ANY_ELEMENT, many: true, relation: 'about', arrow: 'out', dependency: false, consumes: false, role: (n) => `subject of hotspot "${n}"` },
];

/** Holder kinds in the order the table lists them. */
export const HOLDER_KINDS: readonly ElementKind[] = [...new Set(REFERENCE_SLOTS.map((s) => s.holder))];

const BY_HOLDER = new Map<ElementKind, ReferenceSlot[]>();
for (const slot of REFERENCE_SLOTS) BY_HOLDER.set(slot.holder, [...(BY_HOLDER.get(slot.holder) ?? []), slot]);

/** The reference slots of an element kind (none for aggregates and value objects). */
export const slotsOf = (kind: ElementKind): readonly ReferenceSlot[] => BY_HOLDER.get(kind) ?? [];

/**
 * The names an element holds in one slot. A blank required name (a draft command with no
 * aggregate yet, `aggregate: ''`) names nothing: rule `draft` reports it, not an unresolved name.
 */
export function slotRefs(element: Element, slot: ReferenceSlot): readonly NameRef[] {
  const value = (element as unknown as Record<string, unknown>)[slot.key] as NameRef | NameRef[] | undefined;
  if (value === undefined) return [];
  if (slot.many) return value as NameRef[];
  const ref = value as NameRef;
  return ref.name === '' ? [] : [ref];
}

/** The board's ends of a reference: source and target of the arrow. */
export function arrowEnds<T>(slot: ReferenceSlot, holder: T, target: T): { source: T; target: T } {
  return slot.arrow === 'out' ? { source: holder, target } : { source: target, target: holder };
}

/** The board's grammar: which kind may lead to which, and what the arrow means (hotspots aside: they may point at anything). */
export const CONNECTIONS: readonly { from: ElementKind; to: ElementKind; relation: Relation }[] = (() => {
  const out: { from: ElementKind; to: ElementKind; relation: Relation }[] = [];
  for (const slot of REFERENCE_SLOTS) {
    if (slot.targets.length !== 1) continue;
    const { source, target } = arrowEnds(slot, slot.holder, slot.targets[0]!);
    if (!out.some((c) => c.from === source && c.to === target && c.relation === slot.relation)) out.push({ from: source, to: target, relation: slot.relation });
  }
  return out;
})();

/**
 * Which end of a board arrow holds the name in its YAML. `delivers` is held by both ends (the
 * system's `emits` and the event's `source`); the system's list is the one the board edits.
 */
export function holderEnd(relation: Relation): 'source' | 'target' {
  return REFERENCE_SLOTS.some((s) => s.relation === relation && s.arrow === 'out') ? 'source' : 'target';
}
