// Every place where the model names another element, with the kinds the name must resolve to.
// Rules iterate this one list instead of each knowing the shape of every element.
import type { BoundedContext, Element, ElementKind, Field, Model, NameRef, TypeRef } from '../types.js';
import { ANY_ELEMENT, HOLDER_KINDS, slotRefs, slotsOf, type ReferenceSlot } from '../relations.js';

export interface Reference {
  ref: NameRef;
  /** Context whose file contains the reference. */
  from: string;
  kinds: readonly ElementKind[];
  /** What the reference is, for messages: `event emitted by command BorrowBook`. */
  role: string;
  /** A dependency couples two contexts (hotspot `about` lists are questions, not dependencies). */
  dependency: boolean;
  /** Policy `on` and projection `from`: the referencing element reads the event. */
  consumes: boolean;
  /** The element that holds the reference: `policy CloseWhenCounted`. */
  owner: string;
  /** The element and the slot of the relationship table (generator/model/relations.ts) it sits in; absent for spec steps. */
  holder?: Element;
  slot?: ReferenceSlot;
}

export const KIND_LABEL: Record<ElementKind, string> = {
  aggregate: 'aggregate',
  command: 'command',
  event: 'event',
  policy: 'policy',
  projection: 'projection',
  actor: 'actor',
  externalSystem: 'external system',
  valueObject: 'value object',
  hotspot: 'hotspot',
};

export function kindsLabel(kinds: readonly ElementKind[]): string {
  return kinds === ANY_ELEMENT || kinds.length > 3 ? 'element' : kinds.map((k) => KIND_LABEL[k]).join(' or ');
}

export function referencesOf(model: Model): Reference[] {
  const out: Reference[] = [];
  for (const context of model.contexts) collect(context, out);
  return out;
}

const COLLECTION: Partial<Record<ElementKind, keyof BoundedContext>> = {
  command: 'commands',
  actor: 'actors',
  event: 'events',
  externalSystem: 'externalSystems',
  policy: 'policies',
  projection: 'projections',
  hotspot: 'hotspots',
};

const ownerLabel = (el: Element): string => (el.kind === 'hotspot' ? `hotspot "${el.name}"` : `${KIND_LABEL[el.kind]} ${el.name}`);

function collect(c: BoundedContext, out: Reference[]): void {
  // Element-to-element references: the relationship table, holder kind by holder kind.
  for (const kind of HOLDER_KINDS) {
    for (const holder of c[COLLECTION[kind]!] as Element[]) {
      const owner = ownerLabel(holder);
      for (const slot of slotsOf(kind)) {
        for (const ref of slotRefs(holder, slot)) {
          out.push({ ref, from: c.name, kinds: slot.targets, role: slot.role(holder.name), dependency: slot.dependency, consumes: slot.consumes, owner, holder, slot });
        }
      }
    }
  }
  // Spec steps name events and commands too (not arrows on the board, not dependencies).
  for (const spec of c.specs) {
    const owner = `spec "${spec.name}"`;
    const add = (ref: NameRef, kinds: readonly ElementKind[], role: string): void => {
      out.push({ ref, from: c.name, kinds, role, dependency: false, consumes: false, owner });
    };
    for (const given of spec.given) add(given.type, ['event'], `given event of spec "${spec.name}"`);
    add(spec.when.type, ['command'], `when command of spec "${spec.name}"`);
    if (spec.then.kind === 'events') {
      for (const then of spec.then.events) add(then.type, ['event'], `then event of spec "${spec.name}"`);
    }
  }
}

/** Every field list of a context with a label, for rules about fields. */
export function fieldListsOf(c: BoundedContext): { owner: string; fields: Field[] }[] {
  const lists: { owner: string; fields: Field[] }[] = [];
  for (const a of c.aggregates) lists.push({ owner: `state of aggregate ${a.name}`, fields: a.state });
  for (const m of c.commands) lists.push({ owner: `command ${m.name}`, fields: m.fields });
  for (const e of c.events) {
    lists.push({ owner: `event ${e.name}`, fields: e.fields });
    for (const v of e.previousVersions) lists.push({ owner: `event ${e.name} version ${v.version}`, fields: v.fields });
  }
  for (const p of c.projections) lists.push({ owner: `projection ${p.name}`, fields: p.fields });
  for (const v of c.valueObjects) lists.push({ owner: `value object ${v.name}`, fields: v.fields });
  return lists;
}

/** Names of value objects a field type mentions (`Money[]` -> Money). */
export function typeRefNames(type: TypeRef): string[] {
  if (type.kind === 'ref') return [type.name];
  if (type.kind === 'array') return typeRefNames(type.of);
  return [];
}

/** `an event`, `a command`. */
export const withArticle = (label: string): string => `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
