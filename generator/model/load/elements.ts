// Readers for the named elements of a context file: `aggregates: { Loan: {...} }` and friends.
// An element whose required keys are missing or unreadable is left out of the model (the
// diagnostics say why); everything readable is kept so the canvas can still show it.

import { NEW_ID_SOURCE, type Actor, type Aggregate, type Command, type Event, type EventVersion, type ExternalSystem, type FieldSource, type Invariant, type Policy, type Projection, type Upcast, type ValueObject } from '../types.js';
import { isScalar, isMap } from 'yaml';
import { parseFieldSource } from '../field-source.js';
import { readFields } from './fields.js';
import type { Entry, Reader } from './reader.js';

function base(r: Reader, e: Entry) {
  return { name: e.key, loc: e.loc, context: r.context };
}

function withDescription<T extends object>(r: Reader, element: T, entry: Entry | undefined): T {
  const description = r.string(entry);
  if (description !== undefined) (element as T & { description?: string }).description = description;
  return element;
}

export function readActor(r: Reader, e: Entry): Actor {
  const f = r.object(e.value, { what: `actor "${e.key}"`, required: [], optional: ['description', 'reads'] }, e.keyNode.range);
  const reads = r.nameRefList(f.get('reads'));
  return withDescription(r, { kind: 'actor', ...base(r, e), ...(reads.length > 0 ? { reads } : {}) }, f.get('description'));
}

export function readExternalSystem(r: Reader, e: Entry): ExternalSystem {
  const f = r.object(e.value, { what: `external system "${e.key}"`, required: [], optional: ['description', 'emits', 'consumes'] }, e.keyNode.range);
  const consumes = r.nameRefList(f.get('consumes'));
  return withDescription(
    r,
    { kind: 'externalSystem', ...base(r, e), emits: r.nameRefList(f.get('emits')), ...(consumes.length > 0 ? { consumes } : {}) },
    f.get('description'),
  );
}

export function readValueObject(r: Reader, e: Entry): ValueObject {
  const f = r.object(e.value, { what: `value object "${e.key}"`, required: [], optional: ['description', 'fields'] }, e.keyNode.range);
  return withDescription(r, { kind: 'valueObject', ...base(r, e), fields: readFields(r, f.get('fields')) }, f.get('description'));
}

export function readAggregate(r: Reader, e: Entry): Aggregate | undefined {
  const f = r.object(
    e.value,
    { what: `aggregate "${e.key}"`, required: ['identity'], optional: ['description', 'invariants', 'state', 'longLived', 'snapshotEvery'] },
    e.keyNode.range,
  );
  const identity = r.string(f.get('identity'));
  const invariants: Invariant[] = [];
  const invariantsEntry = f.get('invariants');
  if (invariantsEntry) {
    for (const item of r.items(invariantsEntry.value, 'invariants', invariantsEntry.keyNode.range)) {
      const text = r.stringNode(item, 'an invariant', invariantsEntry.keyNode.range);
      if (text !== undefined) invariants.push({ text, loc: r.span(item) });
    }
  }
  const aggregate: Aggregate = { kind: 'aggregate', ...base(r, e), identity: identity ?? '', invariants, state: readFields(r, f.get('state')) };
  const longLived = r.boolean(f.get('longLived'));
  if (longLived !== undefined) aggregate.longLived = longLived;
  const snapshotEvery = r.integer(f.get('snapshotEvery'), 1);
  if (snapshotEvery !== undefined) aggregate.snapshotEvery = snapshotEvery;
  if (identity === undefined) return undefined;
  return withDescription(r, aggregate, f.get('description'));
}

export function readCommand(r: Reader, e: Entry): Command | undefined {
  const f = r.object(
    e.value,
    // `aggregate` may be missing: a draft command (generator/model/drafts.ts), read as ''.
    { what: `command "${e.key}"`, required: [], optional: ['aggregate', 'actor', 'description', 'fields', 'emits', 'rejects', 'creates'] },
    e.keyNode.range,
  );
  const aggregateEntry = f.get('aggregate');
  const aggregate = aggregateEntry && r.nameRef(aggregateEntry.value, 'the aggregate name', aggregateEntry.keyNode.range);
  const actorEntry = f.get('actor');
  const actor = actorEntry && r.nameRef(actorEntry.value, 'the actor name', actorEntry.keyNode.range);
  const command: Command = {
    kind: 'command',
    ...base(r, e),
    aggregate: aggregate ?? { name: '', loc: e.loc },
    fields: readFields(r, f.get('fields')),
    emits: r.nameRefList(f.get('emits')),
    rejects: r.nameRefList(f.get('rejects')),
  };
  if (actor) command.actor = actor;
  const creates = r.boolean(f.get('creates'));
  if (creates !== undefined) command.creates = creates;
  // A present but unreadable aggregate was reported; the command is left out.
  if (aggregateEntry && !aggregate) return undefined;
  return withDescription(r, command, f.get('description'));
}

const EVENT_KEYS = ['aggregate', 'source', 'description', 'version', 'published', 'fields', 'previousVersions', 'reserved', 'retired', 'formerly'];

export function readEvent(r: Reader, e: Entry): Event | undefined {
  const f = r.object(e.value, { what: `event "${e.key}"`, required: [], optional: EVENT_KEYS }, e.keyNode.range);
  const aggregateEntry = f.get('aggregate');
  const sourceEntry = f.get('source');
  const aggregate = aggregateEntry && r.nameRef(aggregateEntry.value, 'the aggregate name', aggregateEntry.keyNode.range);
  const source = sourceEntry && r.nameRef(sourceEntry.value, 'the external system name', sourceEntry.keyNode.range);
  // Neither `aggregate` nor `source`: a draft event (generator/model/drafts.ts), a validator warning.
  if (aggregateEntry && sourceEntry) {
    r.diags.add(sourceEntry.keyNode.range, {
      code: 'E_CONFLICTING_FIELDS',
      message: `event "${e.key}" has both "aggregate" and "source"`,
      hint: 'an event is recorded by an aggregate or delivered by an external system, not both: keep one',
    });
  }
  const reserved: string[] = [];
  const reservedEntry = f.get('reserved');
  if (reservedEntry) {
    for (const item of r.items(reservedEntry.value, 'reserved field names', reservedEntry.keyNode.range)) {
      const name = r.stringNode(item, 'a reserved field name', reservedEntry.keyNode.range);
      if (name !== undefined) reserved.push(name);
    }
  }
  const versionEntry = f.get('version');
  const version = versionEntry ? r.integer(versionEntry, 1) : 1;
  const event: Event = {
    kind: 'event',
    ...base(r, e),
    version: version ?? 1,
    fields: readFields(r, f.get('fields')),
    published: r.boolean(f.get('published')) ?? false,
    previousVersions: readPreviousVersions(r, f.get('previousVersions')),
    reserved,
  };
  if (aggregate) event.aggregate = aggregate;
  if (source) event.source = source;
  // Only `retired: true` is kept: `retired: false` is the default and is not written back.
  if (r.boolean(f.get('retired')) === true) event.retired = true;
  const formerly = r.nameRefList(f.get('formerly'));
  if (formerly.length > 0) event.formerly = formerly;
  // A present but unreadable aggregate or source was reported; the event is left out.
  if ((aggregateEntry && !aggregate) || (sourceEntry && !source)) return undefined;
  return withDescription(r, event, f.get('description'));
}

/** `previousVersions: { 1: { fields: {...}, upcast: { defaults: {...}, renames: {...} } | custom } }`, ascending. */
function readPreviousVersions(r: Reader, entry: Entry | undefined): EventVersion[] {
  if (!entry) return [];
  const out: EventVersion[] = [];
  for (const v of r.entries(entry.value, 'previous versions', entry.keyNode.range)) {
    if (!/^[1-9][0-9]{0,8}$/.test(v.key)) {
      r.diags.add(v.keyNode.range, {
        code: 'E_TYPE',
        message: `expected a version number as key in "previousVersions", got "${v.key}"`,
        hint: 'key each previous version by its number: `1: { fields: …, upcast: … }`',
      });
      continue;
    }
    const f = r.object(v.value, { what: `version ${v.key}`, required: ['upcast'], optional: ['fields'] }, v.keyNode.range);
    const upcast = readUpcast(r, f.get('upcast'));
    if (!upcast) continue;
    out.push({ version: Number(v.key), fields: readFields(r, f.get('fields')), upcast, loc: v.loc });
  }
  return out;
}

function readUpcast(r: Reader, entry: Entry | undefined): Upcast | undefined {
  if (!entry) return undefined;
  const node = entry.value;
  if (node && isScalar(node) && node.value === 'custom') return { kind: 'custom' };
  if (node && isMap(node)) {
    const f = r.object(node, { what: 'a declarative upcast', required: [], optional: ['defaults', 'renames'] }, entry.keyNode.range);
    const renames: Record<string, string> = {};
    const renamesEntry = f.get('renames');
    if (renamesEntry) {
      for (const rename of r.entries(renamesEntry.value, 'renames', renamesEntry.keyNode.range)) {
        const to = r.string(rename);
        if (to !== undefined) renames[rename.key] = to;
      }
    }
    return { kind: 'declarative', defaults: r.jsonObject(f.get('defaults')), renames };
  }
  r.typeError(node, '`custom` or a map `{ defaults: …, renames: … }` for "upcast"', entry.keyNode.range);
  return undefined;
}

export function readPolicy(r: Reader, e: Entry): Policy | undefined {
  const f = r.object(e.value, { what: `policy "${e.key}"`, required: ['on', 'issues'], optional: ['description', 'reads', 'with'] }, e.keyNode.range);
  const policy: Policy = { kind: 'policy', ...base(r, e), on: r.nameRefList(f.get('on')), issues: r.nameRefList(f.get('issues')) };
  const reads = r.nameRefList(f.get('reads'));
  if (reads.length > 0) policy.reads = reads;
  const mapping = readFieldSources(r, f.get('with'));
  if (mapping.length > 0) policy.with = mapping;
  return withDescription(r, policy, f.get('description'));
}

/** `with: { paymentId: $newId, amount: total, dueOn: stay.checkIn }` (docs/adr/0096). */
function readFieldSources(r: Reader, entry: Entry | undefined): FieldSource[] {
  if (!entry) return [];
  const out: FieldSource[] = [];
  for (const item of r.entries(entry.value, '"with" (command field: where its value comes from)', entry.keyNode.range)) {
    const text = r.string(item);
    if (text === undefined) continue;
    const source = parseFieldSource(text);
    if (source) {
      out.push({ field: item.key, source, loc: item.loc });
    } else {
      r.diags.add(item.value?.range ?? item.keyNode.range, {
        code: 'E_INVALID_VALUE',
        message: `"with.${item.key}" must be a field path of the trigger event (like \`total\` or \`stay.checkIn\`) or ${NEW_ID_SOURCE}, got "${text}"`,
        hint: `write the trigger's field that holds the value, or ${NEW_ID_SOURCE} for a new identity derived from the trigger`,
      });
    }
  }
  return out;
}

export function readProjection(r: Reader, e: Entry): Projection | undefined {
  const f = r.object(
    e.value,
    { what: `projection "${e.key}"`, required: ['from', 'key'], optional: ['description', 'fields', 'consistency', 'lagTarget', 'version'] },
    e.keyNode.range,
  );
  const key = r.string(f.get('key'));
  const projection: Projection = {
    kind: 'projection',
    ...base(r, e),
    from: r.nameRefList(f.get('from')),
    key: key ?? '',
    fields: readFields(r, f.get('fields')),
    consistency: r.choice(f.get('consistency'), ['strong', 'eventual'] as const) ?? 'eventual',
  };
  const lagTarget = r.string(f.get('lagTarget'));
  if (lagTarget !== undefined) projection.lagTarget = lagTarget;
  const version = r.integer(f.get('version'), 1);
  if (version !== undefined) projection.version = version;
  if (key === undefined) return undefined;
  return withDescription(r, projection, f.get('description'));
}
