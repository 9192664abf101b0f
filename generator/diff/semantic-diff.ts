// Semantic model diff (docs/diff.md): what changed in the domain between two models, not in
// their YAML. Pure: no fs, no git (generator/diff/git-model.ts reads the old model).
//
// - Elements are matched by context, kind and name. A removed and an added element of the same
//   context and kind with the same body (fields, links) are one rename.
// - Fields are matched by name; a field that disappears while another appears is a rename when
//   the event's newest upcast says so (`renames`), or when it is the only such pair with the same
//   type.
// - Links are the model's references (generator/model/validate/references.ts): emits, on,
//   issues, from, aggregate, actor, source; renamed targets are followed, so renaming an event is
//   not also reported as every policy being rewired.
// - A policy's `with:` entries, a command's `creates`, an event's `retired` and former names are
//   compared too (issue 17): they change what the generated service does.
// - Schema verdicts come from the schema gate's compatibility engine (compareSchemas): an event
//   whose schema changed without a version bump is checked FULL when published, BACKWARD else.
import { formatFieldSource } from '../model/field-source.js';
import { CONSTRAINT_KEYS, type BoundedContext, type Element, type ElementKind, type Event, type Field, type Model, type Policy } from '../model/types.js';
import { elementsOf, type NamedElement } from '../model/validate/name-index.js';
import { referencesOf } from '../model/validate/references.js';
import { compareSchemas } from '../schemas/compat/compare.js';
import { eventJsonSchema } from '../schemas/json-schema.js';

export interface ElementId {
  context: string;
  kind: ElementKind;
  name: string;
}

export type FieldChange =
  | { change: 'added'; field: string; type: string }
  | { change: 'removed'; field: string; type: string }
  | { change: 'renamed'; from: string; field: string; type: string }
  | { change: 'retyped'; field: string; from: string; type: string };

export interface SchemaVerdict {
  verdict: 'compatible' | 'breaking' | 'new-version';
  notes: string[];
}

export type ModelChange =
  | { change: 'context-added' | 'context-removed'; context: string }
  | { change: 'added' | 'removed'; element: ElementId }
  | { change: 'renamed'; element: ElementId; from: string }
  | {
      change: 'changed';
      element: ElementId;
      fields: FieldChange[];
      linksAdded: string[];
      linksRemoved: string[];
      published?: 'newly-published' | 'unpublished';
      version?: { from: number; to: number };
      description?: boolean;
      schema?: SchemaVerdict;
      /** A policy's `with:` entries added, removed or pointed elsewhere (docs/adr/0096). */
      mappings?: MappingChange[];
      /** Lifecycle facts that changed: a command's `creates`, an event's `retired` and former names. */
      facts?: string[];
    };

/** One `with:` entry of a policy: `from` before, `to` after (absent on the side it is missing). */
export interface MappingChange {
  field: string;
  from?: string;
  to?: string;
}

export interface ModelDiff {
  changes: ModelChange[];
  /** How many changes of each kind (added, removed, renamed, changed, newly published, breaking). */
  summary: Record<string, number>;
}

const keyOf = (e: { context: string; kind: string; name: string }): string => `${e.context}\u0000${e.kind}\u0000${e.name}`;
const idOf = (e: NamedElement): ElementId => ({ context: e.context, kind: e.kind, name: e.name });

function fieldsOf(e: Element): readonly Field[] | undefined {
  switch (e.kind) {
    case 'command':
    case 'event':
    case 'valueObject':
    case 'projection':
      return e.fields;
    case 'aggregate':
      return e.state;
    default:
      return undefined;
  }
}

/** The YAML key each reference role is written under. */
const ROLES: readonly [string, string][] = [
  ['aggregate of', 'aggregate'],
  ['actor of', 'actor'],
  ['event emitted by', 'emits'],
  ['source of', 'source'],
  ['event that policy', 'on'],
  ['command issued by', 'issues'],
  ['source event of', 'from'],
  ['read model read by', 'reads'],
  ['event consumed by', 'consumes'],
];

/** Outgoing links of every element, as `role -> Context.Target` text, keyed by element. */
function linksOf(model: Model, rename: (context: string, name: string) => string = (_c, n) => n): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of referencesOf(model)) {
    if (!r.dependency) continue;
    const [kind, ...rest] = r.owner.split(' ');
    const owner = `${r.from}\u0000${kind === 'external' ? 'externalSystem' : kind}\u0000${rest.join(' ').replace(/^system /, '')}`;
    const targetContext = r.ref.context ?? r.from;
    const role = ROLES.find(([prefix]) => r.role.startsWith(prefix))?.[1] ?? r.role;
    const text = `${role}: ${r.ref.context ? `${r.ref.context}.` : ''}${rename(targetContext, r.ref.name)}`;
    (out.get(owner) ?? out.set(owner, new Set()).get(owner)!).add(text);
  }
  return out;
}

/**
 * A field's type as compared and shown: its type text, then its constraints and a deprecation
 * (issue 17 items 7-8), so tightening a command's bound or deprecating a field is a change too.
 */
const fieldSignature = (f: Field): string => {
  const extras = [
    // In one fixed order: the same constraints written in another order are the same field.
    ...CONSTRAINT_KEYS.flatMap((k) => {
      const v = f.constraints?.[k];
      return v === undefined ? [] : [k === 'positive' ? 'positive' : `${k} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`];
    }),
    ...(f.deprecated !== undefined ? ['deprecated'] : []),
  ];
  return `${f.typeText.replace(/\?$/, '')}${f.optional ? '?' : ''}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
};
const bodySignature = (e: Element, links: ReadonlySet<string> | undefined): string =>
  JSON.stringify([(fieldsOf(e) ?? []).map((f) => [f.name, fieldSignature(f)]), [...(links ?? [])].sort(), e.kind === 'event' ? [e.version, e.published] : []]);

function diffFields(before: readonly Field[], after: readonly Field[], declaredRenames: Record<string, string>): FieldChange[] {
  const oldBy = new Map(before.map((f) => [f.name, f]));
  const newBy = new Map(after.map((f) => [f.name, f]));
  const removed = before.filter((f) => !newBy.has(f.name));
  const added = after.filter((f) => !oldBy.has(f.name));
  const out: FieldChange[] = [];
  const renamedOld = new Set<string>();
  const renamedNew = new Set<string>();
  for (const r of removed) {
    const target = declaredRenames[r.name];
    const sameType = added.filter((a) => fieldSignature(a) === fieldSignature(r));
    const partner = target !== undefined ? added.find((a) => a.name === target) : removed.filter((x) => fieldSignature(x) === fieldSignature(r)).length === 1 && sameType.length === 1 ? sameType[0] : undefined;
    if (partner && !renamedNew.has(partner.name)) {
      renamedOld.add(r.name);
      renamedNew.add(partner.name);
      out.push({ change: 'renamed', from: r.name, field: partner.name, type: fieldSignature(partner) });
    }
  }
  for (const r of removed) if (!renamedOld.has(r.name)) out.push({ change: 'removed', field: r.name, type: fieldSignature(r) });
  for (const a of added) if (!renamedNew.has(a.name)) out.push({ change: 'added', field: a.name, type: fieldSignature(a) });
  for (const f of after) {
    const old = oldBy.get(f.name);
    if (old && fieldSignature(old) !== fieldSignature(f)) out.push({ change: 'retyped', field: f.name, from: fieldSignature(old), type: fieldSignature(f) });
  }
  return out;
}

function schemaVerdict(oldModel: Model, before: Event, newModel: Model, after: Event): SchemaVerdict | undefined {
  const oldSchema = eventJsonSchema(oldModel, before, undefined, { valueObjects: 'inline' });
  const newSchema = eventJsonSchema(newModel, after, undefined, { valueObjects: 'inline' });
  if (after.version !== before.version) {
    const upcast = after.previousVersions.find((v) => v.version === before.version)?.upcast;
    return { verdict: 'new-version', notes: [`v${before.version} -> v${after.version}${upcast ? ` (${upcast.kind === 'custom' ? 'custom upcaster' : 'declarative upcast'})` : ''}`] };
  }
  if (JSON.stringify(oldSchema) === JSON.stringify(newSchema)) return undefined;
  const result = compareSchemas(oldSchema, newSchema, after.published ? 'full' : 'backward', { reserved: after.reserved });
  if (result.compatible) return { verdict: 'compatible', notes: result.changes.map((c) => c.message) };
  return { verdict: 'breaking', notes: result.breaking.map((c) => `${c.rule}: ${c.message}`) };
}

/** A policy's `with:` entries that differ, in the new model's order, then the removed ones. */
function mappingChanges(before: Element, after: Element): MappingChange[] {
  if (before.kind !== 'policy' || after.kind !== 'policy') return [];
  const entries = (p: Policy) => new Map((p.with ?? []).map((w) => [w.field, formatFieldSource(w.source)]));
  const was = entries(before);
  const now = entries(after);
  const out: MappingChange[] = [];
  for (const [field, to] of now) {
    const from = was.get(field);
    if (from !== to) out.push(from === undefined ? { field, to } : { field, from, to });
  }
  for (const [field, from] of was) if (!now.has(field)) out.push({ field, from });
  return out;
}

/** What changed in the lifecycle facts the schema and links do not show. */
function factChanges(before: Element, after: Element): string[] {
  const out: string[] = [];
  if (before.kind === 'command' && after.kind === 'command' && (before.creates === true) !== (after.creates === true)) {
    out.push(after.creates === true ? 'now marked `creates: true` (starts its aggregate)' : 'no longer marked `creates: true`');
  }
  if (before.kind === 'event' && after.kind === 'event') {
    if ((before.retired === true) !== (after.retired === true)) out.push(after.retired === true ? 'retired (no command emits it any more)' : 'no longer retired');
    const names = (e: Event) => (e.formerly ?? []).map((r) => r.name);
    if (JSON.stringify(names(before)) !== JSON.stringify(names(after))) out.push(`former names: [${names(before).join(', ')}] -> [${names(after).join(', ')}]`);
  }
  return out;
}

/** The newest declarative upcast's renames (old field -> new field). */
function declaredRenames(e: Element): Record<string, string> {
  if (e.kind !== 'event') return {};
  const last = e.previousVersions.at(-1);
  return last?.upcast.kind === 'declarative' ? last.upcast.renames : {};
}

export function diffModels(before: Model, after: Model): ModelDiff {
  const changes: ModelChange[] = [];
  const oldContexts = new Set(before.contexts.map((c) => c.name));
  const newContexts = new Set(after.contexts.map((c) => c.name));
  for (const c of after.contexts) if (!oldContexts.has(c.name)) changes.push({ change: 'context-added', context: c.name });
  for (const c of before.contexts) if (!newContexts.has(c.name)) changes.push({ change: 'context-removed', context: c.name });

  const all = (m: Model) => m.contexts.flatMap((c: BoundedContext) => elementsOf(c));
  const oldEls = new Map(all(before).map((e) => [keyOf(e), e]));
  const newEls = new Map(all(after).map((e) => [keyOf(e), e]));
  const oldLinks = linksOf(before);
  const newLinksRaw = linksOf(after);

  // Renames: same context and kind, same body (links compared after the rename itself).
  const removed = [...oldEls.values()].filter((e) => !newEls.has(keyOf(e)));
  const added = [...newEls.values()].filter((e) => !oldEls.has(keyOf(e)));
  const renamedTo = new Map<string, NamedElement>();
  const renamedFrom = new Set<string>();
  for (const r of removed) {
    const candidates = added.filter((a) => a.kind === r.kind && a.context === r.context && !renamedFrom.has(keyOf(a)) && bodySignature(a, newLinksRaw.get(keyOf(a))) === bodySignature(r, oldLinks.get(keyOf(r))));
    if (candidates.length === 1) {
      renamedTo.set(keyOf(r), candidates[0]!);
      renamedFrom.add(keyOf(candidates[0]!));
    }
  }
  const newName = (context: string, name: string): string => {
    for (const [k, e] of renamedTo) if (k.startsWith(`${context}\u0000`) && k.endsWith(`\u0000${name}`)) return e.name;
    return name;
  };
  const oldLinksRenamed = linksOf(before, newName);

  for (const e of removed) {
    const to = renamedTo.get(keyOf(e));
    changes.push(to ? { change: 'renamed', element: idOf(to), from: e.name } : { change: 'removed', element: idOf(e) });
  }
  for (const e of added) if (!renamedFrom.has(keyOf(e))) changes.push({ change: 'added', element: idOf(e) });

  for (const [k, after_] of newEls) {
    const before_ = oldEls.get(k);
    if (!before_) continue;
    const fields = diffFields(fieldsOf(before_) ?? [], fieldsOf(after_) ?? [], declaredRenames(after_));
    const was = oldLinksRenamed.get(k) ?? new Set<string>();
    const now = newLinksRaw.get(k) ?? new Set<string>();
    const linksAdded = [...now].filter((l) => !was.has(l));
    const linksRemoved = [...was].filter((l) => !now.has(l));
    const change: Extract<ModelChange, { change: 'changed' }> = { change: 'changed', element: idOf(after_), fields, linksAdded, linksRemoved };
    if (before_.kind === 'event' && after_.kind === 'event') {
      if (before_.published !== after_.published) change.published = after_.published ? 'newly-published' : 'unpublished';
      if (before_.version !== after_.version) change.version = { from: before_.version, to: after_.version };
      const verdict = schemaVerdict(before, before_, after, after_);
      if (verdict) change.schema = verdict;
    }
    if ((before_.description ?? '') !== (after_.description ?? '')) change.description = true;
    const mappings = mappingChanges(before_, after_);
    if (mappings.length > 0) change.mappings = mappings;
    const facts = factChanges(before_, after_);
    if (facts.length > 0) change.facts = facts;
    if (fields.length > 0 || linksAdded.length > 0 || linksRemoved.length > 0 || change.published || change.version || change.schema || change.description || change.mappings || change.facts) changes.push(change);
  }

  const summary: Record<string, number> = {};
  const bump = (k: string) => (summary[k] = (summary[k] ?? 0) + 1);
  for (const c of changes) {
    bump(c.change);
    if (c.change === 'changed' && c.published === 'newly-published') bump('newly-published');
    if (c.change === 'changed' && c.schema?.verdict === 'breaking') bump('breaking');
    if (c.change === 'added' && c.element.kind === 'event') {
      const e = after.contexts.find((x) => x.name === c.element.context)?.events.find((x) => x.name === c.element.name);
      if (e?.published) bump('newly-published');
    }
  }
  return { changes, summary };
}
