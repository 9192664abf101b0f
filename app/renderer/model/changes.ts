// Board edits as typed, serialisable change objects, applied by ONE pure function. Each change is
// planned as patch ops against the current model (see patch.ts); the result carries the inverse
// change, so the history can undo and redo by replaying recorded diffs.

import type { Aggregate, BoundedContext, Command, Element, ElementKind, Event, ExternalSystem, Hotspot, Model, NameRef, Policy, Projection, Spec, ValueObject } from '../../../generator/model/types.js';
import { newElement } from './elements.js';
import { holderEnd, REFERENCE_SLOTS, type ReferenceSlot, policiesWithFieldRenamed, emptyContext } from '../../../generator/model/without-parser.js';
import { connectionMeaning, type Relation } from './grammar.js';
import { ALL_KINDS, elementsOf, STICKY_STYLES } from './kinds.js';
import { linksOf, type Link } from './links.js';
import { applyOp, type PatchOp, type Position } from './patch.js';
import { placeFrameOps, type FramePlacement } from './frame-placement.js';
import { allElements, boardLoc, findContext, findElement, nameRefTo, refNames, refOf, sameRef, type ElementRef } from './refs.js';
import { asWritten, requalified, resolvedIn, withoutRefsTo, withRefsMoved, withRefsRenamed, type NamesTarget } from './slots.js';

/** Editable properties of an element (everything but its identity). */
export type ElementProps = Partial<
  Omit<Aggregate, 'kind' | 'name' | 'context' | 'loc'> &
    Omit<Command, 'kind' | 'name' | 'context' | 'loc' | 'aggregate'> &
    Omit<Event, 'kind' | 'name' | 'context' | 'loc' | 'aggregate'> &
    Omit<Policy, 'kind' | 'name' | 'context' | 'loc'> &
    Omit<Projection, 'kind' | 'name' | 'context' | 'loc'> &
    Omit<ExternalSystem, 'kind' | 'name' | 'context' | 'loc' | 'emits'> &
    Omit<ValueObject, 'kind' | 'name' | 'context' | 'loc'> &
    Omit<Hotspot, 'kind' | 'name' | 'context' | 'loc'>
>;

export type Change =
  | { type: 'add'; context: string; kind: ElementKind; name: string; at?: Position }
  | { type: 'rename'; ref: ElementRef; to: string }
  /**
   * `renamedFields`: fields of the element's `fields` renamed in place (the field editor knows which
   * row it was): the policies' `with:` entries that name them follow (generator/model/field-rename.ts).
   */
  | { type: 'update'; ref: ElementRef; set: ElementProps; renamedFields?: { from: string; to: string }[] }
  | { type: 'connect'; source: ElementRef; target: ElementRef }
  | { type: 'disconnect'; link: Link }
  | { type: 'move'; moves: { ref: ElementRef; x: number; y: number }[] }
  | { type: 'delete'; refs: ElementRef[] }
  | { type: 'setSpecs'; context: string; specs: Spec[] }
  /** Elements copied elsewhere, pasted into `context` (names made unique, positions offset). */
  | { type: 'paste'; context: string; elements: { element: Element; at?: Position }[] }
  /** Move a sticky to another bounded context (dropped on its frame); its links follow it. */
  | { type: 'moveToContext'; ref: ElementRef; context: string; at?: Position }
  /** Where an event comes from: an aggregate, an external system, or not settled yet (null). */
  | { type: 'setOrigin'; event: ElementRef; origin: ElementRef | null }
  /** A new, empty bounded context (one new file) with its frame. */
  | { type: 'addContext'; name: string; file: string }
  /** Rename a bounded context: its file stays, every qualified reference to it follows. */
  | { type: 'renameContext'; from: string; to: string }
  /** Move or resize a bounded context's frame (board rectangle as now drawn), see frame-placement.ts. */
  | ({ type: 'placeFrame'; resize?: boolean } & FramePlacement)
  /** Raw ops: what inverses are made of. */
  | { type: 'patch'; ops: PatchOp[] };

/** A change that cannot be applied to this model; `reason` is shown to the user as is. */
export class ChangeRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A transaction: ops are applied as they are planned, so later steps see earlier ones. */
class Tx {
  inverse: PatchOp[] = [];
  constructor(public model: Model) {}
  put(op: PatchOp): void {
    const r = applyOp(this.model, op);
    this.model = r.model;
    this.inverse.unshift(r.inverse);
  }
  putElement(el: Element, index = Number.MAX_SAFE_INTEGER): void {
    this.put({ op: 'element', context: el.context, kind: el.kind, name: el.name, index, value: el });
  }
  element(ref: ElementRef): Element {
    const el = findElement(this.model, ref);
    if (!el) throw new ChangeRefused(`${ref.name} (${ref.kind}) is not on the board any more`);
    return el;
  }
  fileOf(context: string): string {
    const ctx = findContext(this.model, context);
    if (!ctx) throw new ChangeRefused(`there is no bounded context named ${context}`);
    return ctx.file;
  }
}

export interface Applied {
  model: Model;
  /** The change that undoes this one. */
  inverse: Change;
}

/** The one function that edits a model. Throws ChangeRefused when the change makes no sense. */
export function applyChange(model: Model, change: Change): Applied {
  const tx = new Tx(model);
  plan(tx, change);
  return { model: tx.model, inverse: { type: 'patch', ops: tx.inverse } };
}

function indexOf(model: Model, ref: ElementRef): number {
  const ctx = findContext(model, ref.context);
  return ctx ? (elementsOf(ctx, ref.kind) as Element[]).findIndex((e) => e.name === ref.name) : -1;
}

function plan(tx: Tx, change: Change): void {
  switch (change.type) {
    case 'add': {
      const ctx = findContext(tx.model, change.context);
      if (!ctx) throw new ChangeRefused(`there is no bounded context named ${change.context}`);
      checkName(change.name);
      checkFreeName(ctx, change.name);
      tx.putElement(newElement(change.kind, change.name, ctx));
      if (change.at) tx.put({ op: 'position', file: ctx.file, name: change.name, value: change.at });
      return;
    }
    case 'rename':
      return rename(tx, change.ref, change.to);
    case 'update': {
      const el = tx.element(change.ref);
      tx.putElement({ ...el, ...change.set } as Element);
      const { kind } = change.ref;
      if (kind === 'command' || kind === 'event' || kind === 'valueObject') {
        for (const r of change.renamedFields ?? []) {
          for (const policy of policiesWithFieldRenamed(tx.model, { kind, context: change.ref.context, name: change.ref.name }, r.from, r.to)) tx.putElement(policy);
        }
      }
      return;
    }
    case 'connect':
      return connect(tx, change.source, change.target);
    case 'disconnect':
      return disconnect(tx, change.link);
    case 'move':
      for (const m of change.moves) {
        const file = tx.fileOf(m.ref.context);
        const previous = tx.model.layouts[file]?.positions[m.ref.name];
        tx.put({ op: 'position', file, name: m.ref.name, value: { ...previous, x: Math.round(m.x), y: Math.round(m.y) } });
      }
      return;
    case 'delete':
      for (const ref of change.refs) {
        tx.element(ref);
        const names = resolvedIn(tx.model);
        for (const other of allElements(tx.model)) {
          if (sameRef(refOf(other), ref)) continue;
          const stripped = withoutRefsTo(other, ref, names);
          if (stripped) tx.putElement(stripped);
        }
        tx.put({ op: 'element', context: ref.context, kind: ref.kind, name: ref.name, index: 0, value: null });
        const file = tx.fileOf(ref.context);
        if (tx.model.layouts[file]?.positions[ref.name] && !nameStillUsed(tx.model, ref.context, ref.name)) {
          tx.put({ op: 'position', file, name: ref.name, value: null });
        }
      }
      return;
    case 'setSpecs':
      tx.fileOf(change.context);
      tx.put({ op: 'specs', context: change.context, value: change.specs });
      return;
    case 'paste':
      return paste(tx, change.context, change.elements);
    case 'addContext': {
      checkContextName(tx.model, change.name);
      if (tx.model.contexts.some((c) => c.file === change.file)) throw new ChangeRefused(`${change.file} already holds a bounded context`);
      tx.put({ op: 'context', name: change.name, index: tx.model.contexts.length, value: emptyContext(change.name, change.file, boardLoc(change.file)) });
      return;
    }
    case 'renameContext':
      return renameContext(tx, change.from, change.to);
    case 'setOrigin':
      return setOrigin(tx, change.event, change.origin);
    case 'moveToContext':
      return moveToContext(tx, change.ref, change.context, change.at);
    case 'placeFrame': {
      tx.fileOf(change.context);
      for (const op of placeFrameOps(tx.model, change)) tx.put(op);
      return;
    }
    case 'patch':
      for (const op of change.ops) tx.put(op);
      return;
  }
}

/** Context names are identifiers (they qualify references: `Payments.CapturePayment`). */
function checkContextName(model: Model, name: string): void {
  checkName(name);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new ChangeRefused(`${name} is not a context name: use letters and digits, starting with a letter (PascalCase)`);
  if (model.contexts.some((c) => c.name === name)) throw new ChangeRefused(`there is already a bounded context named ${name}`);
}

function renameContext(tx: Tx, from: string, to: string): void {
  if (from === to) return;
  const ctx = findContext(tx.model, from);
  if (!ctx) throw new ChangeRefused(`there is no bounded context named ${from}`);
  checkContextName(tx.model, to);
  // Every value that names the context (its elements' `context`, qualified references from
  // anywhere) follows; source locations never carry a context name.
  for (const other of tx.model.contexts) {
    const renamed = withContextRenamed(other, from, to) as BoundedContext;
    const value = other.name === from ? { ...renamed, name: to } : renamed;
    if (value !== other) tx.put({ op: 'context', name: other.name, index: 0, value });
  }
}

/** `value` with every `context: from` replaced (structurally shared where nothing changes). */
function withContextRenamed(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = withContextRenamed(v, from, to);
      if (r !== v) changed = true;
      return r;
    });
    return changed ? out : value;
  }
  if (value === null || typeof value !== 'object') return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'loc') continue;
    const r = k === 'context' && v === from ? to : withContextRenamed(v, from, to);
    if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r;
  }
  return out ?? value;
}

/**
 * Names share one namespace per context, whatever the kind (they become TypeScript types, and the
 * layout sidecar keys positions by name): refuse a taken name up front, not after the validator.
 */
function checkFreeName(ctx: BoundedContext, name: string): void {
  const taken = allElementsOf(ctx).find((e) => e.name === name);
  if (taken) throw new ChangeRefused(`${ctx.name} already has ${withArticle(STICKY_STYLES[taken.kind].label.toLowerCase())} named ${name}: names are unique in a context, whatever the kind`);
}

const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

function allElementsOf(ctx: BoundedContext): Element[] {
  return ALL_KINDS.flatMap((k) => elementsOf(ctx, k) as Element[]);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The element under its new name; an aggregate's default identity (`loanId`) follows the name. */
function renamedElement(el: Element, to: string): Element {
  if (el.kind === 'aggregate' && el.identity === `${lowerFirst(el.name)}Id`) return { ...el, name: to, identity: `${lowerFirst(to)}Id` };
  return { ...el, name: to } as Element;
}

function checkName(name: string): void {
  if (name.trim() === '') throw new ChangeRefused('a name cannot be empty');
  if (name !== name.trim()) throw new ChangeRefused('a name cannot start or end with spaces');
}

/** Layout positions are keyed by name within a file: keep one while another kind uses the name. */
function nameStillUsed(model: Model, context: string, name: string): boolean {
  return allElements(model).some((e) => e.context === context && e.name === name);
}

function rename(tx: Tx, ref: ElementRef, to: string): void {
  checkName(to);
  if (to === ref.name) return;
  const el = tx.element(ref);
  checkFreeName(findContext(tx.model, ref.context)!, to);
  // Which names mean the element is decided on the model before the rename.
  const names = resolvedIn(tx.model);
  for (const other of allElements(tx.model)) {
    if (sameRef(refOf(other), ref)) continue;
    const renamed = withRefsRenamed(other, ref, to, names);
    if (renamed) tx.putElement(renamed);
  }
  const index = indexOf(tx.model, ref);
  tx.put({ op: 'element', context: ref.context, kind: ref.kind, name: ref.name, index, value: null });
  tx.put({ op: 'element', context: ref.context, kind: ref.kind, name: to, index, value: renamedElement(el, to) });
  const file = tx.fileOf(ref.context);
  const pos = tx.model.layouts[file]?.positions[ref.name];
  if (pos) {
    tx.put({ op: 'position', file, name: to, value: pos });
    if (!nameStillUsed(tx.model, ref.context, ref.name)) tx.put({ op: 'position', file, name: ref.name, value: null });
  }
  if (ref.kind === 'command' || ref.kind === 'event') renameInSpecs(tx, ref, to, names);
}

function renameInSpecs(tx: Tx, ref: ElementRef, to: string, names: NamesTarget): void {
  for (const ctx of tx.model.contexts) {
    let changed = false;
    const fix = <T extends { type: { name: string; context?: string } }>(m: T): T => {
      if (!names(m.type as never, ctx.name, ref)) return m;
      changed = true;
      return { ...m, type: { ...m.type, name: to } };
    };
    const specs = ctx.specs.map((s) => ({
      ...s,
      given: s.given.map(fix),
      when: fix(s.when),
      then: s.then.kind === 'events' ? { ...s.then, events: s.then.events.map(fix) } : s.then,
    }));
    if (changed) tx.put({ op: 'specs', context: ctx.name, value: specs });
  }
}

function connect(tx: Tx, source: ElementRef, target: ElementRef): void {
  if (sameRef(source, target)) throw new ChangeRefused('a sticky cannot be connected to itself');
  const verdict = connectionMeaning(source.kind, target.kind);
  if (!verdict.ok) throw new ChangeRefused(verdict.reason);
  tx.element(source);
  tx.element(target);
  if (linksOf(tx.model).some((l) => l.relation === verdict.relation && sameRef(l.source, source) && sameRef(l.target, target))) {
    throw new ChangeRefused(`${source.name} is already connected to ${target.name}`);
  }
  const r = verdict.relation;
  // A link across contexts couples them: the context that writes the reference declares it.
  const [ownerEnd, otherEnd] = ownerOf(r) === 'source' ? [source, target] : [target, source];
  if (ownerEnd.context !== otherEnd.context) declareRelationship(tx, ownerEnd.context, otherEnd.context);
  // An event's origin is one slot in the table but one choice in the model: an aggregate
  // (`aggregate:`) or an external system (`source:` and the system's `emits`), never both.
  if (r === 'owns' || r === 'delivers') return setOrigin(tx, target, source);
  const slot = connectSlot(r, source, target);
  const holderRef = slot.arrow === 'out' ? source : target;
  const namedRef = slot.arrow === 'out' ? target : source;
  const holder = tx.element(holderRef);
  const name = nameRefTo(holder.context, namedRef, tx.fileOf(holder.context));
  // The slot's key is the element's property that holds the name (relations.ts): a list grows
  // by one name, a single name is set.
  const current = (holder as unknown as Record<string, unknown>)[slot.key] as NameRef[] | NameRef | undefined;
  const value = slot.many ? [...((current as NameRef[] | undefined) ?? []), name] : name;
  tx.putElement({ ...holder, [slot.key]: value } as Element);
}

/** The row of the core's relationship table that a board arrow of `relation` between these kinds writes. */
function connectSlot(relation: Relation, source: ElementRef, target: ElementRef): ReferenceSlot {
  const slot = REFERENCE_SLOTS.find((s) => {
    if (s.relation !== relation) return false;
    const [holder, named] = s.arrow === 'out' ? [source, target] : [target, source];
    return s.holder === holder.kind && s.targets.includes(named.kind);
  });
  // connectionMeaning derives from the same table: a relation it names always has its row.
  if (!slot) throw new Error(`no row of the relationship table writes ${relation} from ${source.kind} to ${target.kind}`);
  return slot;
}

function moveToContext(tx: Tx, ref: ElementRef, context: string, at: Position | undefined): void {
  const el = tx.element(ref);
  if (ref.context === context) return;
  const dest = findContext(tx.model, context);
  if (!dest) throw new ChangeRefused(`there is no bounded context named ${context}`);
  checkFreeName(dest, el.name);
  // What every name means is decided on the model before the move.
  const before = tx.model;
  const names = resolvedIn(before);
  // Specs name their messages inside one context: moving one of them would break its specs.
  const inSpecs = tx.model.contexts.some((c) => c.specs.some((s) => [s.when, ...s.given, ...(s.then.kind === 'events' ? s.then.events : [])].some((m) => names(m.type as never, c.name, ref))));
  if (inSpecs) throw new ChangeRefused(`${el.name} is used in specs of ${ref.context}: move or delete those specs first`);
  const to: ElementRef = { ...ref, context };
  for (const other of allElements(tx.model)) {
    if (sameRef(refOf(other), ref)) continue;
    const moved = withRefsMoved(other, ref, to, tx.fileOf(other.context), names);
    if (moved) tx.putElement(moved);
  }
  const fromFile = tx.fileOf(ref.context);
  tx.put({ op: 'element', context: ref.context, kind: ref.kind, name: ref.name, index: 0, value: null });
  tx.putElement({ ...requalified(before, el, ref.context, context), loc: boardLoc(dest.file) } as Element);
  if (tx.model.layouts[fromFile]?.positions[ref.name] && !nameStillUsed(tx.model, ref.context, ref.name)) {
    tx.put({ op: 'position', file: fromFile, name: ref.name, value: null });
  }
  if (at) tx.put({ op: 'position', file: dest.file, name: el.name, value: at });
  // Links that now cross contexts are declared where the reference is written.
  for (const link of linksOf(tx.model)) {
    if (!sameRef(link.source, to) && !sameRef(link.target, to)) continue;
    const [ownerEnd, otherEnd] = ownerOf(link.relation) === 'source' ? [link.source, link.target] : [link.target, link.source];
    if (ownerEnd.context !== otherEnd.context) declareRelationship(tx, ownerEnd.context, otherEnd.context);
  }
}

/**
 * `from` uses elements of `to`: declare it (E_UNDECLARED_RELATIONSHIP otherwise). The board
 * writes customer-supplier (the user of the other context's events or commands is its customer);
 * another kind is a one-word edit in the YAML.
 */
function declareRelationship(tx: Tx, from: string, to: string): void {
  const ctx = findContext(tx.model, from);
  if (!ctx || ctx.relationships.some((r) => r.context === to)) return;
  const relationship = { context: to, kind: 'customer-supplier' as const, loc: boardLoc(ctx.file) };
  tx.put({ op: 'context', name: from, index: 0, value: { ...ctx, relationships: [...ctx.relationships, relationship] } });
}

/**
 * Where an event comes from: exactly one aggregate (`aggregate:`) or one external system
 * (`source:` and that system's `emits`), or nothing yet (a draft). Setting one clears the other,
 * so switching the origin never leaves the event with both (E_EVENT_ORIGIN).
 */
function setOrigin(tx: Tx, eventRef: ElementRef, origin: ElementRef | null): void {
  const event = tx.element(eventRef) as Event;
  if (origin && origin.kind !== 'aggregate' && origin.kind !== 'externalSystem') throw new ChangeRefused('an event is recorded by an aggregate or delivered by an external system');
  const file = tx.fileOf(event.context);
  // Every external system that lists the event lets go of it, except the new origin.
  const names = resolvedIn(tx.model);
  for (const ctx of tx.model.contexts) {
    for (const system of ctx.externalSystems) {
      if (origin && sameRef(refOf(system), origin)) continue;
      const stripped = withoutRefsTo(system, eventRef, names);
      if (stripped) tx.putElement(stripped);
    }
  }
  const { aggregate: _aggregate, source: _source, ...rest } = event;
  if (!origin) {
    tx.putElement(rest as Event);
    return;
  }
  const ref = nameRefTo(event.context, origin, file);
  if (origin.kind === 'aggregate') {
    tx.putElement({ ...rest, aggregate: ref } as Event);
    return;
  }
  tx.putElement({ ...rest, source: ref } as Event);
  const system = tx.element(origin) as ExternalSystem;
  if (!system.emits.some((r) => refNames(tx.model, r, system.context, eventRef))) {
    tx.putElement({ ...system, emits: [...system.emits, nameRefTo(system.context, eventRef, tx.fileOf(system.context))] });
  }
}

/** Remove exactly the reference(s) that carry `link`'s meaning. */
function disconnect(tx: Tx, link: Link): void {
  const owner = ownerOf(link.relation) === 'source' ? link.source : link.target;
  const other = owner === link.source ? link.target : link.source;
  const el = tx.element(owner);
  const names = resolvedIn(tx.model);
  const stripped = withoutRefsTo(el, other, names);
  if (stripped) tx.putElement(stripped);
  // An external system's event may name it as `source` too: both mean the same arrow.
  if (link.relation === 'delivers') {
    const ev = findElement(tx.model, link.target);
    const evStripped = ev ? withoutRefsTo(ev, link.source, names) : undefined;
    if (evStripped) tx.putElement(evStripped);
  }
}

/** Which end of an arrow holds the name in its YAML: the core's relationship table says. */
const ownerOf = (relation: Relation): 'source' | 'target' => holderEnd(relation);

function paste(tx: Tx, context: string, items: { element: Element; at?: Position }[]): void {
  const ctx = findContext(tx.model, context);
  if (!ctx) throw new ChangeRefused(`there is no bounded context named ${context}`);
  const renames = new Map<string, string>();
  for (const { element, at } of items) {
    const current = findContext(tx.model, context)!;
    const taken = new Set(allElementsOf(current).map((e) => e.name));
    let name = element.name;
    if (taken.has(name)) {
      name = `${element.name}Copy`;
      for (let n = 2; taken.has(name); n++) name = `${element.name}Copy${n}`;
    }
    renames.set(`${element.kind}/${element.name}`, name);
    tx.putElement({ ...element, name, context, loc: { ...element.loc, file: ctx.file, line: 0, col: 0, endLine: 0, endCol: 0 } } as Element);
    if (at) tx.put({ op: 'position', file: ctx.file, name, value: at });
  }
  // Links between pasted elements follow the copies, links to the rest stay as they were.
  for (const { element } of items) {
    for (const [key, newName] of renames) {
      const [kind, oldName] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      if (oldName === newName) continue;
      const me = findElement(tx.model, { context, kind: element.kind, name: renames.get(`${element.kind}/${element.name}`)! });
      const renamed = me ? withRefsRenamed(me, { context, kind: kind as ElementKind, name: oldName }, newName, asWritten) : undefined;
      if (renamed) tx.putElement(renamed);
    }
  }
}

/** A short, human name for a change: the label of its undo step ("Undo Connect BorrowBook → Loan"). */
export function describeChange(change: Change): string {
  switch (change.type) {
    case 'add':
      return `Add ${change.kind} ${change.name}`;
    case 'rename':
      return `Rename ${change.ref.name} to ${change.to}`;
    case 'update':
      return `Edit ${change.ref.name}`;
    case 'connect':
      return `Connect ${change.source.name} → ${change.target.name}`;
    case 'disconnect':
      return `Disconnect ${change.link.source.name} → ${change.link.target.name}`;
    case 'move':
      return change.moves.length === 1 ? `Move ${change.moves[0]!.ref.name}` : `Move ${change.moves.length} stickies`;
    case 'delete':
      return change.refs.length === 1 ? `Delete ${change.refs[0]!.name}` : `Delete ${change.refs.length} stickies`;
    case 'setSpecs':
      return `Edit specs of ${change.context}`;
    case 'paste':
      return `Paste ${change.elements.length} ${change.elements.length === 1 ? 'sticky' : 'stickies'}`;
    case 'setOrigin':
      return `Set origin of ${change.event.name}`;
    case 'moveToContext':
      return `Move ${change.ref.name} to ${change.context}`;
    case 'addContext':
      return `Add context ${change.name}`;
    case 'renameContext':
      return `Rename context ${change.from} to ${change.to}`;
    case 'placeFrame':
      return `${change.resize ? 'Resize' : 'Move'} frame ${change.context}`;
    case 'patch':
      return 'Edit';
  }
}
