// A fast-check arbitrary of VALID models (issue 11): model files as YAML text, built from a small
// blueprint so that every draw passes `validate`, yet spanning the shapes real domains have:
// aggregates with one command and one event and with none, commands that emit several events,
// events from external systems, policies within and across contexts and chains of them,
// single- and multi-stream projections (strong and eventual), value objects nested in arrays,
// enums, optional fields, `schema:` and `json` fields, versioned events with upcasts, specs with
// given events, rejections and `[]`, and names the validator accepts but that look reserved, are
// long, or repeat across contexts. The property tests (test/generated-project/valid-models*.ts)
// generate each one and require strict tsc (and, for a sample, the service's own tests) to pass.

import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadModel } from '../../generator/model/load.js';
import type { Model } from '../../generator/model/types.js';

export const FIELD_KINDS = [
  'string', 'int', 'number', 'boolean', 'uuid', 'date', 'datetime', 'money', 'email', 'url', 'json',
  'enum', 'optionalString', 'optionalInt', 'valueObject', 'valueObjectArray', 'stringArray', 'schemaPattern', 'schemaInteger', 'schemaObject',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface AggregateBlueprint {
  events: number;
  commands: number;
  /** The first command emits every event of the aggregate. */
  multiEmit: boolean;
  fields: FieldKind[];
  /** The first event is at version 2, with version 1 kept and upcast declaratively. */
  versioned: boolean;
  /** State mirrors the event fields (default evolve), or stays empty (evolve stubs). */
  state: boolean;
  rejects: boolean;
  creates: boolean;
}

export interface ContextBlueprint {
  names: 'plain' | 'long' | 'lookalike';
  aggregates: AggregateBlueprint[];
  external: boolean;
  projection: 'none' | 'single' | 'multi';
  strong: boolean;
  /** A policy reacting to this context's first event, issuing a command of its last aggregate. */
  innerPolicy: boolean;
  specs: ('events' | 'rejects' | 'nothing' | 'given')[];
  /**
   * A read model keyed by a field of another type than the aggregate's uuid identity (a room number,
   * a flag, a tier), which the first aggregate with events then carries in every event. Absent in
   * blueprints kept from before it existed.
   */
  keyed?: KeyedReadModel;
}

export const KEY_KINDS = ['int', 'number', 'boolean', 'enum', 'string', 'date', 'money', 'valueObject'] as const;

export interface KeyedReadModel {
  key: (typeof KEY_KINDS)[number];
  /** No `fields` at all, only the key (fed by the events: default logic), or one field no event feeds (a stub). */
  fields: 'none' | 'key' | 'unfed';
  strong: boolean;
}

export interface ModelBlueprint {
  contexts: ContextBlueprint[];
  /** Policies chaining context i's first event to context i+1's first command. */
  chain: boolean;
}

const aggregateBlueprint: fc.Arbitrary<AggregateBlueprint> = fc
  .record({
    events: fc.integer({ min: 0, max: 3 }),
    commands: fc.integer({ min: 1, max: 3 }),
    multiEmit: fc.boolean(),
    fields: fc.array(fc.constantFrom(...FIELD_KINDS), { maxLength: 4 }),
    versioned: fc.boolean(),
    state: fc.boolean(),
    rejects: fc.boolean(),
    creates: fc.boolean(),
  })
  // An aggregate with no events has no commands either (a command must emit something).
  .map((a) => (a.events === 0 ? { ...a, commands: 0 } : a));

const keyedReadModel: fc.Arbitrary<KeyedReadModel> = fc.record({
  key: fc.constantFrom(...KEY_KINDS),
  fields: fc.constantFrom('none', 'key', 'unfed'),
  strong: fc.boolean(),
});

const contextBlueprint: fc.Arbitrary<ContextBlueprint> = fc.record({
  names: fc.constantFrom('plain', 'long', 'lookalike'),
  aggregates: fc.array(aggregateBlueprint, { minLength: 1, maxLength: 3 }),
  external: fc.boolean(),
  projection: fc.constantFrom('none', 'single', 'multi'),
  strong: fc.boolean(),
  innerPolicy: fc.boolean(),
  specs: fc.array(fc.constantFrom('events', 'rejects', 'nothing', 'given'), { maxLength: 3 }),
  keyed: fc.option(keyedReadModel, { nil: undefined }),
}, { requiredKeys: ['names', 'aggregates', 'external', 'projection', 'strong', 'innerPolicy', 'specs'] });

export const modelBlueprint: fc.Arbitrary<ModelBlueprint> = fc.record({
  contexts: fc.array(contextBlueprint, { minLength: 1, maxLength: 3 }),
  chain: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Names

const CONTEXT_NAMES = { plain: ['Lending', 'Billing', 'Shipping'], long: ['A'.repeat(1) + 'VeryLongBoundedContextNameThatKeepsGoingAndGoing', 'AnotherRatherLongContextNameForTestingPaths', 'ThirdExtremelyLongContextName'], lookalike: ['Runtimes', 'Supporting', 'Operations'] };
const AGGREGATE_NAMES = { plain: ['Loan', 'Member', 'Book'], long: ['AggregateWithAQuiteLongNameThatStillValidatesFine', 'SecondAggregateWithALongName', 'ThirdAggregateWithALongName'], lookalike: ['Records', 'Entry', 'Item'] };
// Look-alikes of reserved words and generator names that the validator accepts.
const LOOKALIKE_WORDS = ['Promised', 'Deleted', 'Objects', 'Events', 'Commands', 'Stated', 'Decided', 'Consoles', 'Nulled', 'Auxiliary'];

interface Names {
  context: string;
  aggregate: (i: number) => string;
  event: (a: number, e: number) => string;
  command: (a: number, c: number) => string;
}

function namesFor(ctx: ContextBlueprint, index: number): Names {
  const context = CONTEXT_NAMES[ctx.names][index]!;
  const aggregate = (i: number) => AGGREGATE_NAMES[ctx.names][i]!;
  const word = (n: number) => LOOKALIKE_WORDS[n % LOOKALIKE_WORDS.length]!;
  return {
    context,
    aggregate,
    event: (a, e) => (ctx.names === 'lookalike' ? `${aggregate(a)}${word(e)}` : `${aggregate(a)}Happened${e + 1}`),
    command: (a, c) => (ctx.names === 'lookalike' ? `Do${aggregate(a)}${word(c + 3)}` : `Make${aggregate(a)}${c + 1}`),
  };
}

/** The field a keyed read model is keyed by (every event of its aggregate carries it). */
const KEY_FIELD = 'slot';

const camel = (name: string): string => name[0]!.toLowerCase() + name.slice(1);

// ---------------------------------------------------------------------------------------------
// Fields and sample values

type Yaml = unknown;

function fieldType(kind: FieldKind, vo: string): Yaml {
  switch (kind) {
    case 'enum':
      return 'enum(web|app|phone-call)';
    case 'optionalString':
      return 'string?';
    case 'optionalInt':
      return 'int?';
    case 'valueObject':
      return vo;
    case 'valueObjectArray':
      return `${vo}[]`;
    case 'stringArray':
      return 'string[]';
    case 'schemaPattern':
      return { schema: { type: 'string', pattern: '^[A-Z]{2}-[0-9]{3}$' } };
    case 'schemaInteger':
      return { schema: { type: 'integer', minimum: 10, maximum: 20 } };
    case 'schemaObject':
      return { schema: { type: 'object', properties: { code: { type: 'string' }, note: { type: ['string', 'null'] } }, required: ['code'], additionalProperties: false } };
    default:
      return kind;
  }
}

function sampleValue(kind: FieldKind, n: number): Yaml {
  switch (kind) {
    case 'string':
    case 'optionalString':
      return `text ${n}: "quoted", yes`;
    case 'int':
    case 'optionalInt':
      return n;
    case 'number':
      return n + 0.5;
    case 'boolean':
      return n % 2 === 0;
    case 'uuid':
      return uuid(n);
    case 'date':
      return '2026-12-17';
    case 'datetime':
      return '2026-12-17T10:00:00.000Z';
    case 'money':
      return { amount: 1250, currency: 'EUR' };
    case 'email':
      return 'someone@example.com';
    case 'url':
      return 'https://example.com/x';
    case 'json':
      return { a: null, list: [1, null, 'x'] };
    case 'enum':
      return 'phone-call';
    case 'valueObject':
      return { label: 'a', count: 1 };
    case 'valueObjectArray':
      return [{ label: 'a', count: 1 }];
    case 'stringArray':
      return ['a', 'b'];
    case 'schemaPattern':
      return 'AB-123';
    case 'schemaInteger':
      return 15;
    case 'schemaObject':
      return { code: 'c', note: null };
  }
}

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

// ---------------------------------------------------------------------------------------------
// Model files

export interface BuiltModel {
  files: Record<string, string>;
  /** What the model contains, for the figures the property tests print. */
  shapes: Set<string>;
}

export function buildModel(blueprint: ModelBlueprint): BuiltModel {
  const shapes = new Set<string>();
  const names = blueprint.contexts.map(namesFor);
  const docs = blueprint.contexts.map((ctx, ci) => contextDoc(ctx, names[ci]!, shapes));
  // Chains across contexts: context i's first event (published) triggers a policy in context i+1
  // that issues context i+1's first command.
  if (blueprint.chain) {
    for (let ci = 1; ci < blueprint.contexts.length; ci++) {
      const from = firstEvent(blueprint.contexts[ci - 1]!, names[ci - 1]!);
      const to = firstCommand(blueprint.contexts[ci]!, names[ci]!);
      if (!from || !to) continue;
      const prev = docs[ci - 1]!;
      (prev.events as Record<string, Record<string, unknown>>)[from]!.published = true;
      const doc = docs[ci]!;
      doc.relationships = [{ context: names[ci - 1]!.context, kind: 'customer-supplier' }];
      (doc.policies ??= {}) as Record<string, unknown>;
      (doc.policies as Record<string, unknown>)[`ReactTo${from}`] = { on: [`${names[ci - 1]!.context}.${from}`], issues: [to] };
      shapes.add('cross-context policy');
      if (ci >= 2) shapes.add('policy chain across three contexts');
    }
  }
  const files: Record<string, string> = {};
  docs.forEach((doc, ci) => {
    for (const key of Object.keys(doc)) if (doc[key] && typeof doc[key] === 'object' && Object.keys(doc[key] as object).length === 0) delete doc[key];
    files[`${names[ci]!.context.toLowerCase()}.yaml`] = stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  });
  return { files, shapes };
}

function firstEvent(ctx: ContextBlueprint, names: Names): string | undefined {
  const a = ctx.aggregates.findIndex((x) => x.events > 0);
  return a === -1 ? undefined : names.event(a, 0);
}

function firstCommand(ctx: ContextBlueprint, names: Names): string | undefined {
  const a = ctx.aggregates.findIndex((x) => x.commands > 0);
  return a === -1 ? undefined : names.command(a, 0);
}

function contextDoc(ctx: ContextBlueprint, names: Names, shapes: Set<string>): Record<string, unknown> {
  const vo = 'LineItem';
  const aggregates: Record<string, unknown> = {};
  const commands: Record<string, unknown> = {};
  const events: Record<string, unknown> = {};
  const policies: Record<string, unknown> = {};
  const projections: Record<string, unknown> = {};
  const externalSystems: Record<string, unknown> = {};
  const specs: unknown[] = [];
  const multi = ctx.projection === 'multi';
  let usesVo = false;
  /** Per aggregate: event name -> its fields (kind by field name), for specs and projections. */
  const eventFields = new Map<string, { identity: string; fields: [string, FieldKind][] }>();

  const keyedAggregate = ctx.keyed ? ctx.aggregates.findIndex((a) => a.events > 0) : -1;
  ctx.aggregates.forEach((a, ai) => {
    const name = names.aggregate(ai);
    const identity = `${camel(name)}Id`;
    const own: [string, FieldKind][] = a.fields.map((kind, i) => [`${kind}${i + 1}`, kind]);
    if (ai === keyedAggregate) own.push([KEY_FIELD, ctx.keyed!.key]);
    if (own.some(([, k]) => k === 'valueObject' || k === 'valueObjectArray')) usesVo = true;
    const fieldMap = (list: [string, FieldKind][]) => Object.fromEntries([[identity, 'uuid'], ...(multi ? [['groupId', 'uuid']] : []), ...list.map(([n, k]) => [n, fieldType(k, vo)])]);
    aggregates[name] = { identity, ...(a.state && own.length > 0 ? { state: Object.fromEntries(own.map(([n, k]) => [n, fieldType(k, vo)])) } : {}) };
    if (a.events === 0) shapes.add('aggregate with no commands or events');
    if (a.events === 1 && a.commands === 1) shapes.add('aggregate with one command and one event');
    for (let e = 0; e < a.events; e++) {
      const ev: Record<string, unknown> = { aggregate: name, fields: fieldMap(own) };
      if (e === 0 && a.versioned) {
        ev.version = 2;
        ev.fields = { ...fieldMap(own), revision: 'string' };
        ev.previousVersions = { 1: { fields: fieldMap(own), upcast: { defaults: { revision: 'r1' } } } };
        shapes.add('versioned event with upcast');
      }
      events[names.event(ai, e)] = ev;
      eventFields.set(names.event(ai, e), { identity, fields: [...own, ...(e === 0 && a.versioned ? [['revision', 'string'] as [string, FieldKind]] : [])] });
    }
    for (let c = 0; c < a.commands; c++) {
      // Command c emits event c (the last command takes the rest); with multiEmit the first emits all.
      const emitted = a.multiEmit && c === 0 ? Array.from({ length: a.events }, (_, e) => e) : Array.from({ length: a.events }, (_, e) => e).filter((e) => e === c || (c === a.commands - 1 && e > c));
      if (emitted.length === 0) emitted.push(c % a.events);
      if (emitted.length > 1) shapes.add('command emitting several events');
      const cmdFields = { ...fieldMap(own), ...(emitted.includes(0) && a.versioned ? { revision: 'string' } : {}) };
      commands[names.command(ai, c)] = {
        aggregate: name,
        fields: cmdFields,
        emits: emitted.map((e) => names.event(ai, e)),
        ...(a.rejects ? { rejects: [`${names.command(ai, c)}Refused`] } : {}),
        // The `creates` marker on the last command; without it the first command creates.
        ...(a.creates && c === a.commands - 1 ? { creates: true } : {}),
      };
      if (a.creates && c === a.commands - 1) shapes.add('creates marker');
    }
  });
  for (const kind of ctx.aggregates.flatMap((a) => a.fields)) shapes.add(`field ${kind}`);
  if (usesVo) {
    shapes.add('value object nested in an array');
  }

  const allEvents = [...eventFields.keys()];
  if (ctx.external && allEvents.length > 0) {
    const target = ctx.aggregates.findIndex((a) => a.commands > 0);
    const identity = `${camel(names.aggregate(target))}Id`;
    const signal = `${names.context}SignalReceived`;
    externalSystems[`${names.context}Feed`] = { emits: [signal] };
    events[signal] = { source: `${names.context}Feed`, fields: { [identity]: 'uuid', note: 'string?' } };
    policies[`On${signal}`] = { on: [signal], issues: [names.command(target, 0)] };
    shapes.add('event from an external system');
  }
  if (ctx.innerPolicy && allEvents.length > 0) {
    const last = ctx.aggregates.length - 1 - [...ctx.aggregates].reverse().findIndex((a) => a.commands > 0);
    const first = ctx.aggregates.findIndex((a) => a.events > 0);
    if (last > first) {
      policies[`Then${names.command(last, 0)}`] = { on: [names.event(first, 0)], issues: [names.command(last, 0)] };
      shapes.add('policy within a context');
    }
  }
  if (ctx.projection !== 'none' && allEvents.length > 0) {
    const withEvents = ctx.aggregates.map((a, i) => ({ a, i })).filter(({ a }) => a.events > 0);
    if (multi) {
      const from = withEvents.map(({ i }) => names.event(i, 0));
      projections[`${names.context}Overview`] = { from, key: 'groupId', fields: { groupId: 'uuid', seen: 'int' }, consistency: ctx.strong ? 'strong' : 'eventual' };
      shapes.add(`multi-stream projection (${ctx.strong ? 'strong' : 'eventual'})`);
    } else {
      const { i } = withEvents[0]!;
      const identity = `${camel(names.aggregate(i))}Id`;
      const from = Array.from({ length: ctx.aggregates[i]!.events }, (_, e) => names.event(i, e));
      projections[`${names.aggregate(i)}Details`] = { from, key: identity, fields: { [identity]: 'uuid' }, consistency: ctx.strong ? 'strong' : 'eventual' };
      shapes.add(`single-stream projection (${ctx.strong ? 'strong' : 'eventual'})`);
    }
  }

  if (ctx.keyed && keyedAggregate !== -1) {
    const { key, fields, strong } = ctx.keyed;
    const from = Array.from({ length: ctx.aggregates[keyedAggregate]!.events }, (_, e) => names.event(keyedAggregate, e));
    const keyType = fieldType(key, vo);
    projections[`${names.aggregate(keyedAggregate)}By${key[0]!.toUpperCase()}${key.slice(1)}`] = {
      from,
      key: KEY_FIELD,
      ...(fields === 'key' ? { fields: { [KEY_FIELD]: keyType } } : fields === 'unfed' ? { fields: { [KEY_FIELD]: keyType, tally: 'int' } } : {}),
      consistency: strong ? 'strong' : 'eventual',
    };
    shapes.add(`read model keyed by ${key} (${strong ? 'strong' : 'eventual'}${fields === 'none' ? ', no fields' : fields === 'unfed' ? ', a stub' : ''})`);
  }

  // Specs against the first aggregate that has commands.
  const target = ctx.aggregates.findIndex((a) => a.commands > 0);
  if (target !== -1) {
    const a = ctx.aggregates[target]!;
    const command = names.command(target, 0);
    const cmd = commands[command] as { fields: Record<string, unknown>; emits: string[] };
    const data = (fields: Record<string, unknown>, kinds: Map<string, FieldKind>) =>
      Object.fromEntries(Object.keys(fields).map((f, i) => [f, f.endsWith('Id') || f === 'groupId' ? uuid(1) : f === 'revision' ? 'r2' : sampleValue(kinds.get(f)!, i)]));
    const kinds = new Map<string, FieldKind>([...a.fields.map((k, i): [string, FieldKind] => [`${k}${i + 1}`, k]), ...(target === keyedAggregate ? [[KEY_FIELD, ctx.keyed!.key] as [string, FieldKind]] : [])]);
    const when = { command, data: data(cmd.fields, kinds) };
    const eventData = (event: string) => {
      const ev = events[event] as { fields: Record<string, unknown> };
      return data(ev.fields, kinds);
    };
    ctx.specs.forEach((kind, si) => {
      const name = `spec ${si + 1}: ${kind} — "quoted", yes: no`;
      if (kind === 'events') specs.push({ name, when, then: cmd.emits.map((e) => ({ event: e, data: eventData(e) })) });
      if (kind === 'nothing') specs.push({ name, when, then: [] });
      if (kind === 'rejects' && a.rejects) specs.push({ name, given: [{ event: cmd.emits[0], data: eventData(cmd.emits[0]!) }], when, then: { rejects: `${command}Refused` } });
      if (kind === 'given') specs.push({ name, given: [{ event: cmd.emits[0], data: eventData(cmd.emits[0]!) }], when, then: cmd.emits.map((e) => ({ event: e, data: eventData(e) })) });
      shapes.add(`spec: ${kind}`);
    });
  }

  return {
    stormsmith: 1,
    context: names.context,
    ...(usesVo ? { valueObjects: { [vo]: { fields: { label: 'string', count: 'int' } } } } : {}),
    externalSystems,
    aggregates,
    commands,
    events,
    policies,
    projections,
    specs,
  };
}

/** The typed model of a built model, as `stormsmith` loads it (throws on a load error: the arbitrary's bug). */
export function loadBuilt(built: BuiltModel): Model {
  const loaded = loadModel(Object.entries(built.files).map(([path, text]) => ({ path, text })));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.model || errors.length > 0) throw new Error(`the valid-model arbitrary wrote a file the loader refuses: ${errors.map((d) => `${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`).join('; ')}`);
  return loaded.model;
}

/** The same draws as typed models, for properties over the model core and the exports. */
export const validModel: fc.Arbitrary<Model> = modelBlueprint.map((blueprint) => loadBuilt(buildModel(blueprint)));
