// Every place where the model names another element, with the kinds the name must resolve to.
// Rules iterate this one list instead of each knowing the shape of every element.
import type { BoundedContext, ElementKind, Field, Model, NameRef, TypeRef } from '../types.js';

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
}

const ANY_ELEMENT: readonly ElementKind[] = ['aggregate', 'command', 'event', 'policy', 'projection', 'actor', 'externalSystem', 'valueObject'];

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

function collect(c: BoundedContext, out: Reference[]): void {
  let owner = '';
  const add = (ref: NameRef, kinds: readonly ElementKind[], role: string, dependency = true, consumes = false): void => {
    out.push({ ref, from: c.name, kinds, role, dependency, consumes, owner });
  };
  for (const command of c.commands) {
    owner = `command ${command.name}`;
    // '' is a draft command (no aggregate yet): rule `draft`, not an unresolved reference.
    if (command.aggregate.name !== '') add(command.aggregate, ['aggregate'], `aggregate of command ${command.name}`);
    if (command.actor) add(command.actor, ['actor'], `actor of command ${command.name}`);
    for (const ref of command.emits) add(ref, ['event'], `event emitted by command ${command.name}`);
  }
  for (const actor of c.actors) {
    owner = `actor ${actor.name}`;
    for (const ref of actor.reads ?? []) add(ref, ['projection'], `read model read by actor ${actor.name}`);
  }
  for (const event of c.events) {
    owner = `event ${event.name}`;
    if (event.aggregate) add(event.aggregate, ['aggregate'], `aggregate of event ${event.name}`);
    if (event.source) add(event.source, ['externalSystem'], `source of event ${event.name}`);
  }
  for (const system of c.externalSystems) {
    owner = `external system ${system.name}`;
    for (const ref of system.emits) add(ref, ['event'], `event emitted by external system ${system.name}`);
  }
  for (const policy of c.policies) {
    owner = `policy ${policy.name}`;
    for (const ref of policy.on) add(ref, ['event'], `event that policy ${policy.name} reacts to`, true, true);
    for (const ref of policy.issues) add(ref, ['command'], `command issued by policy ${policy.name}`);
  }
  for (const projection of c.projections) {
    owner = `projection ${projection.name}`;
    for (const ref of projection.from) add(ref, ['event'], `source event of projection ${projection.name}`, true, true);
  }
  for (const hotspot of c.hotspots) {
    owner = `hotspot "${hotspot.name}"`;
    for (const ref of hotspot.about) add(ref, ANY_ELEMENT, `subject of hotspot "${hotspot.name}"`, false);
  }
  for (const spec of c.specs) {
    owner = `spec "${spec.name}"`;
    for (const given of spec.given) add(given.type, ['event'], `given event of spec "${spec.name}"`, false);
    add(spec.when.type, ['command'], `when command of spec "${spec.name}"`, false);
    if (spec.then.kind === 'events') {
      for (const then of spec.then.events) add(then.type, ['event'], `then event of spec "${spec.name}"`, false);
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
