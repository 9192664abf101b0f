// A fast-check arbitrary of VALID models (issue 11): model files as YAML text, built from a small
// blueprint so that every draw passes `validate`, yet spanning the shapes real domains have:
// aggregates with one command and one event and with none, commands that emit several events,
// events from external systems, policies within and across contexts and chains of them,
// single- and multi-stream projections (strong and eventual), value objects nested in arrays,
// enums, optional fields, `schema:` and `json` fields, versioned events with upcasts, specs with
// given events, rejections and `[]`, and names the validator accepts but that look reserved, are
// long, or repeat across contexts. Since issue 17's language it also draws every other construct
// docs/model-format.md documents for a valid, draft-free model (list in `CONSTRUCTS` below, each
// asserted drawn by test/unit/model/valid-models-arbitrary.property.test.ts): free-text
// descriptions in every code point, long-form fields (description, unit, default, `optional: true`,
// `name?: T`), constraints, deprecations, nested lists, nested value objects, actors reading read
// models, external systems consuming events, policies with `with:` (paths through value objects,
// `$newId`) and `reads:`, retired and renamed (`formerly`) events, `reserved`, every upcast shape,
// snapshots, invariants, hotspots (about elements and rejections), architecture facts, every
// relationship kind, read models of another context's events, lag targets and read-model versions.
// It is the one arbitrary of valid models: `validModel` gives the same draws as typed models.
// The property tests (test/generated-project/valid-models*.ts) generate each one and require
// strict tsc (and, for a sample, the service's own tests) to pass.

import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadModel } from '../../generator/model/load.js';
import type { Model } from '../../generator/model/types.js';
import { text } from './model-arbitraries.js';

export const FIELD_KINDS = [
  'string', 'int', 'number', 'boolean', 'uuid', 'date', 'datetime', 'money', 'email', 'url', 'json',
  'enum', 'optionalString', 'optionalInt', 'valueObject', 'valueObjectArray', 'stringArray', 'schemaPattern', 'schemaInteger', 'schemaObject',
  'stringMatrix',
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
  /** Long-form details of the aggregate's own fields, by index (absent in blueprints kept from before). */
  details?: (FieldDetail | null)[];
  /** How the versioned first event reaches its current version (default `defaults`). */
  upcast?: UpcastShape;
  /** The first event renamed (`formerly`), with a `reserved` name; a retired event beside it. */
  lifecycle?: { formerly: boolean; reserved: boolean; retired: boolean };
  snapshots?: 'none' | 'longLived' | 'every';
  invariants?: number;
}

export const UPCAST_SHAPES = ['defaults', 'renames', 'custom', 'chain', 'trimmed'] as const;
export type UpcastShape = (typeof UPCAST_SHAPES)[number];

/** How one field is written beyond its bare type. */
export interface FieldDetail {
  description: boolean;
  unit: boolean;
  deprecated: 'no' | 'yes' | 'reason';
  /** The constraints that fit the field's kind (none for kinds without any), satisfied by every sample. */
  constrained: boolean;
  /** Optional kinds only: `T?` (the default), `name?: T`, or the long form with `optional: true` and a default. */
  spelling: 'suffix' | 'key' | 'long';
}

export const RELATIONSHIP_KINDS = ['customer-supplier', 'conformist', 'anticorruption-layer', 'published-language', 'open-host-service', 'partnership', 'shared-kernel'] as const;

/** Everything a context may say beyond its aggregates, projections and policies (absent in blueprints kept from before). */
export interface ContextExtras {
  /** Free text (every code point, YAML's special words) for descriptions, titles, reasons; [] = none written. */
  prose: string[];
  relationship: (typeof RELATIONSHIP_KINDS)[number];
  /** An actor issuing the first command, and reading a read model of the context. */
  actor: 'none' | 'plain' | 'reads';
  /** An external system told about the context's first event, and, when chained, about the previous context's. */
  consumes: 'none' | 'own' | 'upstream';
  /** Policies say `with:` where their commands' fields can come from (trigger paths, `$newId`). */
  mapping: boolean;
  policyReads: boolean;
  hotspot: 'none' | 'element' | 'rejection';
  architecture: boolean;
  /** `lagTarget` on eventual read models, `version: 2` and a description on each. */
  projectionDetails: boolean;
  /** When chained: a read model of the previous context's published event. */
  upstreamReadModel: boolean;
  /** LineItem carries a `tag: Tag`, another value object. */
  nestedValueObject: boolean;
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
  extras?: ContextExtras;
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

const fieldDetail: fc.Arbitrary<FieldDetail> = fc.record({
  description: fc.boolean(),
  unit: fc.boolean(),
  deprecated: fc.constantFrom('no', 'no', 'yes', 'reason'),
  constrained: fc.boolean(),
  spelling: fc.constantFrom('suffix', 'key', 'long'),
});

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
    details: fc.array(fc.option(fieldDetail, { nil: null, freq: 2 }), { maxLength: 4 }),
    upcast: fc.constantFrom(...UPCAST_SHAPES),
    lifecycle: fc.record({ formerly: fc.boolean(), reserved: fc.boolean(), retired: fc.boolean() }),
    snapshots: fc.constantFrom('none', 'none', 'longLived', 'every'),
    invariants: fc.integer({ min: 0, max: 2 }),
  }, { requiredKeys: ['events', 'commands', 'multiEmit', 'fields', 'versioned', 'state', 'rejects', 'creates'] })
  // An aggregate with no events has no commands either (a command must emit something).
  .map((a) => (a.events === 0 ? { ...a, commands: 0 } : a));

const keyedReadModel: fc.Arbitrary<KeyedReadModel> = fc.record({
  key: fc.constantFrom(...KEY_KINDS),
  fields: fc.constantFrom('none', 'key', 'unfed'),
  strong: fc.boolean(),
});

const contextExtras: fc.Arbitrary<ContextExtras> = fc.record({
  prose: fc.array(text(40), { maxLength: 3 }),
  relationship: fc.constantFrom(...RELATIONSHIP_KINDS),
  actor: fc.constantFrom('none', 'plain', 'reads'),
  consumes: fc.constantFrom('none', 'own', 'upstream'),
  mapping: fc.boolean(),
  policyReads: fc.boolean(),
  hotspot: fc.constantFrom('none', 'element', 'rejection'),
  architecture: fc.boolean(),
  projectionDetails: fc.boolean(),
  upstreamReadModel: fc.boolean(),
  nestedValueObject: fc.boolean(),
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
  extras: fc.option(contextExtras, { nil: undefined, freq: 5 }),
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

/** A field of a message or state: its name, kind and how it is written. */
type OwnField = [name: string, kind: FieldKind, detail: FieldDetail | null];

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
    case 'stringMatrix':
      return 'string[][]';
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

/** Constraints that fit each kind and that every sample value (and default) below satisfies. */
const CONSTRAINTS: Partial<Record<FieldKind, Record<string, unknown>>> = {
  int: { min: 0, max: 1_000_000 },
  optionalInt: { min: 0, max: 1_000_000 },
  number: { positive: true, max: 1_000_000 },
  money: { positive: true, min: 1, max: 100_000_000 },
  string: { minLength: 1, maxLength: 200, pattern: '\\S' },
  optionalString: { minLength: 1, maxLength: 200, pattern: '\\S' },
  email: { maxLength: 254, pattern: '@' },
  url: { pattern: '^https?://' },
  stringArray: { minItems: 1, maxItems: 5, maxLength: 20 },
  stringMatrix: { minItems: 1, maxItems: 3 },
  valueObjectArray: { minItems: 1, maxItems: 5 },
};

/** `[key, value]` of one field as written in a `fields:` map. */
function fieldEntry([name, kind, detail]: OwnField, vo: string, prose: Prose): [string, Yaml] {
  const type = fieldType(kind, vo);
  if (!detail) return [name, type];
  const extras: Record<string, unknown> = {};
  if (detail.description) extras.description = prose.say(name.length);
  if (detail.unit) extras.unit = 'minor units';
  if (detail.deprecated === 'yes') extras.deprecated = true;
  if (detail.deprecated === 'reason') extras.deprecated = prose.sayNonEmpty(name.length + 1, `use ${name}Next instead`);
  if (typeof type === 'object') return [name, { ...(type as object), ...extras }];
  if (detail.constrained) Object.assign(extras, CONSTRAINTS[kind] ?? {});
  const bare = kind === 'optionalString' ? 'string' : kind === 'optionalInt' ? 'int' : undefined;
  if (bare && detail.spelling === 'long') return [name, { type: bare, optional: true, default: bare === 'string' ? 'none' : 0, ...extras }];
  if (bare && detail.spelling === 'key') return [`${name}?`, Object.keys(extras).length === 0 ? bare : { type: bare, ...extras }];
  return [name, Object.keys(extras).length === 0 ? type : { type, ...extras }];
}

function sampleValue(kind: FieldKind, n: number, nested: boolean): Yaml {
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
      return lineItem(nested);
    case 'valueObjectArray':
      return [lineItem(nested)];
    case 'stringArray':
      return ['a', 'b'];
    case 'stringMatrix':
      return [['a', 'b'], []];
    case 'schemaPattern':
      return 'AB-123';
    case 'schemaInteger':
      return 15;
    case 'schemaObject':
      return { code: 'c', note: null };
  }
}

const lineItem = (nested: boolean) => ({ label: 'a', count: 1, ...(nested ? { tag: { code: 't' } } : {}) });

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The context's free text, handed out round-robin; nothing when the blueprint has none. */
interface Prose {
  say(n: number): string | undefined;
  sayNonEmpty(n: number, fallback: string): string;
}

function proseOf(extras: ContextExtras | undefined): Prose {
  const list = extras?.prose ?? [];
  const say = (n: number) => (list.length === 0 ? undefined : list[n % list.length]);
  return { say, sayNonEmpty: (n, fallback) => (say(n)?.trim() ? say(n)! : fallback) };
}

const withDescription = (prose: Prose, n: number): Record<string, unknown> => {
  const d = prose.say(n);
  return d === undefined ? {} : { description: d };
};

// ---------------------------------------------------------------------------------------------
// Model files

export interface BuiltModel {
  files: Record<string, string>;
  /** What the model contains, for the figures the property tests print. */
  shapes: Set<string>;
}

/** Every construct the arbitrary is meant to draw, as named in `shapes` (the validity test checks each is drawn). */
export const CONSTRUCTS = [
  'context description', 'element descriptions', 'field description', 'field unit', 'field default', 'optional: true', 'optional key (name?: T)',
  'deprecated: true', 'deprecated with a reason', 'constraints int', 'constraints number', 'constraints money', 'constraints string', 'constraints email',
  'constraints url', 'constraints list', 'field stringMatrix', 'nested value object', 'value object description', 'actor', 'actor reads',
  'external system consumes (own)', 'external system consumes (upstream)', 'policy with: $newId', 'policy with: path', 'policy with: path through a value object',
  'policy reads', 'hotspot about elements', 'hotspot about a rejection', 'architecture facts', 'event formerly', 'event reserved', 'retired event',
  'upcast defaults', 'upcast renames', 'upcast custom', 'upcast chain of two', 'previous versions start above 1', 'longLived', 'snapshotEvery', 'invariants',
  'lagTarget', 'read-model version', 'read model of an upstream event', ...RELATIONSHIP_KINDS.map((k) => `relationship ${k}`),
] as const;

export function buildModel(blueprint: ModelBlueprint): BuiltModel {
  const shapes = new Set<string>();
  const names = blueprint.contexts.map(namesFor);
  const built = blueprint.contexts.map((ctx, ci) => contextDoc(ctx, names[ci]!, shapes));
  const docs = built.map((b) => b.doc);
  // Chains across contexts: context i's first event (published) triggers a policy in context i+1
  // that issues context i+1's first command.
  if (blueprint.chain) {
    for (let ci = 1; ci < blueprint.contexts.length; ci++) {
      const ctx = blueprint.contexts[ci]!;
      const prevNames = names[ci - 1]!;
      const from = firstEvent(blueprint.contexts[ci - 1]!, prevNames);
      const to = firstCommand(ctx, names[ci]!);
      if (!from || !to) continue;
      const prev = docs[ci - 1]!;
      (prev.events as Record<string, Record<string, unknown>>)[from]!.published = true;
      const doc = docs[ci]!;
      const prose = proseOf(ctx.extras);
      const kind = ctx.extras?.relationship ?? 'customer-supplier';
      doc.relationships = [{ context: prevNames.context, kind, ...withDescription(prose, 7) }];
      if (ctx.extras) shapes.add(`relationship ${kind}`);
      const qualified = `${prevNames.context}.${from}`;
      const policy: Record<string, unknown> = { on: [qualified], issues: [to] };
      const trigger = built[ci - 1]!.messages.get(from)!;
      const command = built[ci]!.messages.get(to)!;
      if (ctx.extras?.mapping) addMapping(policy, trigger, command, shapes);
      (doc.policies as Record<string, unknown>)[`ReactTo${from}`] = policy;
      built[ci]!.policies.push(`ReactTo${from}`);
      shapes.add('cross-context policy');
      if (ci >= 2) shapes.add('policy chain across three contexts');
      const systems = doc.externalSystems as Record<string, Record<string, unknown>>;
      const told = ((systems.Mailer?.consumes as string[] | undefined) ?? []).map((e) => e.split('.').at(-1));
      // Not beside an own event of the same name: stored types carry no context (E_AMBIGUOUS_EVENT_TYPE).
      if (ctx.extras?.consumes === 'upstream' && !told.includes(from)) {
        const mailer = (systems.Mailer ??= {});
        mailer.consumes = [...((mailer.consumes as string[] | undefined) ?? []), qualified];
        shapes.add('external system consumes (upstream)');
      }
      if (ctx.extras?.upstreamReadModel) {
        const key = trigger.fields[0]![0];
        (doc.projections as Record<string, unknown>)[`${from}Seen`] = { from: [qualified], key, fields: { [key]: 'uuid' }, consistency: 'eventual' };
        shapes.add('read model of an upstream event');
      }
    }
  }
  built.forEach((b, ci) => finishContext(blueprint.contexts[ci]!, b, shapes));
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

/** A message's fields in order, by kind (the identity and `groupId` as `uuid`, `revision` as `string`). */
interface MessageFields {
  fields: OwnField[];
  /** The value objects its `valueObject` fields refer to nest a `Tag`. */
  nested: boolean;
}

interface ContextBuild {
  doc: Record<string, unknown>;
  names: Names;
  prose: Prose;
  /** Fields of every command and event, by name. */
  messages: Map<string, MessageFields>;
  /** Names of the policies written (the chain adds its own). */
  policies: string[];
  /** The aggregate the specs, the actor and the hotspot are about (the first with commands), or -1. */
  target: number;
}

const isOptionalKind = (kind: FieldKind): boolean => kind === 'optionalString' || kind === 'optionalInt';

/**
 * `with:` for a policy from `trigger` to `command`: `$newId` for the command's identity when the
 * trigger does not carry it, and for every other field the default logic cannot fill by name a
 * trigger field of the same kind (never an optional one for a required field), or the `label`
 * (and, nested, `tag.code`) of a value object for a string.
 */
function addMapping(policy: Record<string, unknown>, trigger: MessageFields, command: MessageFields, shapes: Set<string>): void {
  const mapping: Record<string, string> = {};
  const byName = new Map(trigger.fields.map((f) => [f[0], f]));
  const [identity] = command.fields[0]!;
  if (!byName.has(identity)) {
    mapping[identity] = '$newId';
    shapes.add('policy with: $newId');
  }
  for (const [name, kind] of command.fields.slice(1)) {
    const same = byName.get(name);
    if (same && same[1] === kind) continue;
    const source = trigger.fields.slice(1).find(([n, k]) => k === kind && !mapping[name] && n !== name && !(isOptionalKind(k) && !isOptionalKind(kind)));
    if (source) {
      mapping[name] = source[0];
      shapes.add('policy with: path');
      continue;
    }
    const vo = trigger.fields.find(([, k]) => k === 'valueObject');
    if (vo && (kind === 'string' || kind === 'optionalString')) {
      mapping[name] = trigger.nested && name.length % 2 === 0 ? `${vo[0]}.tag.code` : `${vo[0]}.label`;
      shapes.add('policy with: path through a value object');
    }
  }
  if (Object.keys(mapping).length > 0) policy.with = mapping;
}

function contextDoc(ctx: ContextBlueprint, names: Names, shapes: Set<string>): ContextBuild {
  const vo = 'LineItem';
  const extras = ctx.extras;
  const prose = proseOf(extras);
  const nested = extras?.nestedValueObject === true;
  const aggregates: Record<string, unknown> = {};
  const commands: Record<string, unknown> = {};
  const events: Record<string, unknown> = {};
  const policies: Record<string, unknown> = {};
  const projections: Record<string, unknown> = {};
  const externalSystems: Record<string, unknown> = {};
  const specs: unknown[] = [];
  const messages = new Map<string, MessageFields>();
  const multi = ctx.projection === 'multi';
  let usesVo = false;
  let described = 10;
  const describe = () => withDescription(prose, described++);
  /** Per aggregate: event name -> its fields (kind by field name), for specs and projections. */
  const eventFields = new Map<string, { identity: string; fields: [string, FieldKind][] }>();

  const keyedAggregate = ctx.keyed ? ctx.aggregates.findIndex((a) => a.events > 0) : -1;
  ctx.aggregates.forEach((a, ai) => {
    const name = names.aggregate(ai);
    const identity = `${camel(name)}Id`;
    const own: OwnField[] = a.fields.map((kind, i) => [`${kind}${i + 1}`, kind, a.details?.[i] ?? null]);
    if (ai === keyedAggregate) own.push([KEY_FIELD, ctx.keyed!.key, null]);
    if (own.some(([, k]) => k === 'valueObject' || k === 'valueObjectArray')) usesVo = true;
    for (const [, kind, detail] of own) noteDetail(kind, detail, shapes);
    const head: OwnField[] = [[identity, 'uuid', null], ...(multi ? [['groupId', 'uuid', null] as OwnField] : [])];
    const fieldMap = (list: OwnField[]) => Object.fromEntries([...head, ...list].map((f) => fieldEntry(f, vo, prose)));
    const revision: OwnField = ['revision', 'string', null];
    aggregates[name] = {
      identity,
      ...describe(),
      ...(a.invariants ? { invariants: Array.from({ length: a.invariants }, (_, i) => prose.sayNonEmpty(i, `Rule ${i + 1} holds`)) } : {}),
      ...(a.state && own.length > 0 ? { state: Object.fromEntries(own.map((f) => fieldEntry(f, vo, prose))) } : {}),
      ...(a.snapshots === 'longLived' ? { longLived: true } : a.snapshots === 'every' ? { snapshotEvery: 3 } : {}),
    };
    if (a.invariants) shapes.add('invariants');
    if (a.snapshots === 'longLived') shapes.add('longLived');
    if (a.snapshots === 'every') shapes.add('snapshotEvery');
    if (a.events === 0) shapes.add('aggregate with no commands or events');
    if (a.events === 1 && a.commands === 1) shapes.add('aggregate with one command and one event');
    for (let e = 0; e < a.events; e++) {
      const eventName = names.event(ai, e);
      const ev: Record<string, unknown> = { aggregate: name, ...describe(), fields: fieldMap(own) };
      const versioned = e === 0 && a.versioned;
      if (versioned) {
        const upcast = a.upcast ?? 'defaults';
        const current = { ...fieldMap(own), revision: 'string' };
        const older = fieldMap(own);
        const withRev = { ...fieldMap(own), rev: 'string' };
        ev.fields = current;
        if (upcast === 'defaults') Object.assign(ev, { version: 2, previousVersions: { 1: { fields: older, upcast: { defaults: { revision: 'r1' } } } } });
        if (upcast === 'renames') Object.assign(ev, { version: 2, previousVersions: { 1: { fields: withRev, upcast: { renames: { rev: 'revision' } } } } });
        if (upcast === 'custom') Object.assign(ev, { version: 2, previousVersions: { 1: { fields: older, upcast: 'custom' } } });
        if (upcast === 'chain') Object.assign(ev, { version: 3, previousVersions: { 1: { fields: older, upcast: { defaults: { rev: 'r1' } } }, 2: { fields: withRev, upcast: { renames: { rev: 'revision' } } } } });
        if (upcast === 'trimmed') Object.assign(ev, { version: 3, previousVersions: { 2: { fields: older, upcast: { defaults: { revision: 'r1' } } } } });
        shapes.add('versioned event with upcast');
        shapes.add({ defaults: 'upcast defaults', renames: 'upcast renames', custom: 'upcast custom', chain: 'upcast chain of two', trimmed: 'previous versions start above 1' }[upcast]);
      }
      if (e === 0 && a.lifecycle?.formerly) {
        // Former names are model-wide (stored types carry no context), and two contexts may have
        // events of one name: the context's name keeps each former name to one event.
        ev.formerly = [`${names.context}${eventName}`];
        shapes.add('event formerly');
      }
      if (e === 0 && a.lifecycle?.reserved) {
        ev.reserved = ['legacyCode'];
        shapes.add('event reserved');
      }
      events[eventName] = ev;
      eventFields.set(eventName, { identity, fields: [...own.map(([n, k]): [string, FieldKind] => [n, k]), ...(versioned ? [['revision', 'string'] as [string, FieldKind]] : [])] });
      messages.set(eventName, { fields: [...head, ...own, ...(versioned ? [revision] : [])], nested });
    }
    if (a.events > 0 && a.lifecycle?.retired) {
      events[`${name}Retired`] = { aggregate: name, retired: true, fields: fieldMap(own) };
      shapes.add('retired event');
    }
    for (let c = 0; c < a.commands; c++) {
      // Command c emits event c (the last command takes the rest); with multiEmit the first emits all.
      const emitted = a.multiEmit && c === 0 ? Array.from({ length: a.events }, (_, e) => e) : Array.from({ length: a.events }, (_, e) => e).filter((e) => e === c || (c === a.commands - 1 && e > c));
      if (emitted.length === 0) emitted.push(c % a.events);
      if (emitted.length > 1) shapes.add('command emitting several events');
      const withRevision = emitted.includes(0) && a.versioned;
      const cmdFields = { ...fieldMap(own), ...(withRevision ? { revision: 'string' } : {}) };
      commands[names.command(ai, c)] = {
        aggregate: name,
        ...describe(),
        fields: cmdFields,
        emits: emitted.map((e) => names.event(ai, e)),
        ...(a.rejects ? { rejects: [`${names.command(ai, c)}Refused`] } : {}),
        // The `creates` marker on the last command; without it the first command creates.
        ...(a.creates && c === a.commands - 1 ? { creates: true } : {}),
      };
      messages.set(names.command(ai, c), { fields: [...head, ...own, ...(withRevision ? [revision] : [])], nested });
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
    externalSystems[`${names.context}Feed`] = { ...describe(), emits: [signal] };
    events[signal] = { source: `${names.context}Feed`, fields: { [identity]: 'uuid', note: 'string?' } };
    messages.set(signal, { fields: [[identity, 'uuid', null], ['note', 'optionalString', null]], nested });
    const policy: Record<string, unknown> = { on: [signal], issues: [names.command(target, 0)] };
    if (extras?.mapping) addMapping(policy, messages.get(signal)!, messages.get(names.command(target, 0))!, shapes);
    policies[`On${signal}`] = policy;
    shapes.add('event from an external system');
  }
  if (ctx.innerPolicy && allEvents.length > 0) {
    const last = ctx.aggregates.length - 1 - [...ctx.aggregates].reverse().findIndex((a) => a.commands > 0);
    const first = ctx.aggregates.findIndex((a) => a.events > 0);
    if (last > first) {
      const policy: Record<string, unknown> = { on: [names.event(first, 0)], issues: [names.command(last, 0)], ...describe() };
      if (extras?.mapping) addMapping(policy, messages.get(names.event(first, 0))!, messages.get(names.command(last, 0))!, shapes);
      policies[`Then${names.command(last, 0)}`] = policy;
      shapes.add('policy within a context');
    }
  }
  if (extras && extras.consumes !== 'none' && allEvents.length > 0) {
    externalSystems.Mailer = { ...describe(), consumes: [allEvents[0]] };
    shapes.add('external system consumes (own)');
  }
  const lag = (strong: boolean) => (extras?.projectionDetails && !strong ? { lagTarget: '5s' } : {});
  const readModelDetails = () => (extras?.projectionDetails ? { version: 2, ...describe() } : {});
  if (ctx.projection !== 'none' && allEvents.length > 0) {
    const withEvents = ctx.aggregates.map((a, i) => ({ a, i })).filter(({ a }) => a.events > 0);
    if (multi) {
      const from = withEvents.map(({ i }) => names.event(i, 0));
      projections[`${names.context}Overview`] = { from, key: 'groupId', fields: { groupId: 'uuid', seen: 'int' }, consistency: ctx.strong ? 'strong' : 'eventual', ...lag(ctx.strong), ...readModelDetails() };
      shapes.add(`multi-stream projection (${ctx.strong ? 'strong' : 'eventual'})`);
    } else {
      const { i } = withEvents[0]!;
      const identity = `${camel(names.aggregate(i))}Id`;
      const from = Array.from({ length: ctx.aggregates[i]!.events }, (_, e) => names.event(i, e));
      projections[`${names.aggregate(i)}Details`] = { from, key: identity, fields: { [identity]: 'uuid' }, consistency: ctx.strong ? 'strong' : 'eventual', ...lag(ctx.strong), ...readModelDetails() };
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
      ...lag(strong),
      ...readModelDetails(),
    };
    shapes.add(`read model keyed by ${key} (${strong ? 'strong' : 'eventual'}${fields === 'none' ? ', no fields' : fields === 'unfed' ? ', a stub' : ''})`);
  }
  if (extras?.projectionDetails && Object.keys(projections).length > 0) {
    shapes.add('read-model version');
    if (Object.values(projections).some((p) => (p as { lagTarget?: string }).lagTarget)) shapes.add('lagTarget');
  }

  // Specs against the first aggregate that has commands.
  const target = ctx.aggregates.findIndex((a) => a.commands > 0);
  if (target !== -1) {
    const a = ctx.aggregates[target]!;
    const command = names.command(target, 0);
    const cmd = commands[command] as { emits: string[] };
    const data = (fields: OwnField[]) => Object.fromEntries(fields.map(([f, kind], i) => [f, f.endsWith('Id') || f === 'groupId' ? uuid(1) : f === 'revision' ? 'r2' : sampleValue(kind, i, nested)]));
    const when = { command, data: data(messages.get(command)!.fields) };
    const eventData = (event: string) => data(messages.get(event)!.fields);
    ctx.specs.forEach((kind, si) => {
      const name = `spec ${si + 1}: ${kind} — "quoted", yes: no`;
      if (kind === 'events') specs.push({ name, when, then: cmd.emits.map((e) => ({ event: e, data: eventData(e) })) });
      if (kind === 'nothing') specs.push({ name, when, then: [] });
      if (kind === 'rejects' && a.rejects) specs.push({ name, given: [{ event: cmd.emits[0], data: eventData(cmd.emits[0]!) }], when, then: { rejects: `${command}Refused` } });
      if (kind === 'given') specs.push({ name, given: [{ event: cmd.emits[0], data: eventData(cmd.emits[0]!) }], when, then: cmd.emits.map((e) => ({ event: e, data: eventData(e) })) });
      shapes.add(`spec: ${kind}`);
    });
  }

  const valueObjects = usesVo
    ? {
        [vo]: { ...describe(), fields: { label: 'string', count: 'int', ...(nested ? { tag: 'Tag' } : {}) } },
        ...(nested ? { Tag: { fields: { code: 'string' } } } : {}),
      }
    : {};
  if (usesVo && prose.say(0) !== undefined) shapes.add('value object description');
  if (usesVo && nested) shapes.add('nested value object');
  const doc: Record<string, unknown> = {
    stormsmith: 1,
    context: names.context,
    ...withDescription(prose, 0),
    relationships: [],
    actors: {},
    valueObjects,
    externalSystems,
    aggregates,
    commands,
    events,
    policies,
    projections,
    hotspots: [],
    specs,
  };
  if (prose.say(0) !== undefined) {
    shapes.add('context description');
    shapes.add('element descriptions');
  }
  return { doc, names, prose, messages, policies: Object.keys(policies), target };
}

/** What a field's detail adds, for the shapes the validity test checks are drawn. */
function noteDetail(kind: FieldKind, detail: FieldDetail | null, shapes: Set<string>): void {
  if (!detail) return;
  const schema = kind.startsWith('schema');
  if (detail.description) shapes.add('field description');
  if (detail.unit) shapes.add('field unit');
  if (detail.deprecated === 'yes') shapes.add('deprecated: true');
  if (detail.deprecated === 'reason') shapes.add('deprecated with a reason');
  if (!schema && detail.constrained && CONSTRAINTS[kind]) {
    const family = kind === 'optionalInt' ? 'int' : kind === 'optionalString' ? 'string' : kind.endsWith('Array') || kind === 'stringMatrix' ? 'list' : kind;
    shapes.add(`constraints ${family}`);
  }
  if (isOptionalKind(kind) && detail.spelling === 'long') {
    shapes.add('optional: true');
    shapes.add('field default');
  }
  if (isOptionalKind(kind) && detail.spelling === 'key') shapes.add('optional key (name?: T)');
}

/** What needs the whole context first: the actor and policies reading read models, hotspots, architecture. */
function finishContext(ctx: ContextBlueprint, build: ContextBuild, shapes: Set<string>): void {
  const extras = ctx.extras;
  if (!extras) return;
  const { doc, names, prose } = build;
  const readModels = Object.keys(doc.projections as Record<string, unknown>);
  const commands = doc.commands as Record<string, Record<string, unknown>>;
  const { target } = build;
  if (extras.actor !== 'none' && target !== -1) {
    const actor: Record<string, unknown> = { ...withDescription(prose, 3) };
    if (extras.actor === 'reads' && readModels.length > 0) {
      actor.reads = [readModels[0]];
      shapes.add('actor reads');
    }
    (doc.actors as Record<string, unknown>).Clerk = actor;
    commands[names.command(target, 0)]!.actor = 'Clerk';
    shapes.add('actor');
  }
  if (extras.policyReads && readModels.length > 0) {
    const policies = doc.policies as Record<string, Record<string, unknown>>;
    for (const name of build.policies) {
      policies[name]!.reads = [readModels.at(-1)];
      shapes.add('policy reads');
    }
  }
  if (extras.hotspot !== 'none' && target !== -1) {
    const command = names.command(target, 0);
    const rejection = ctx.aggregates[target]!.rejects ? `${command}Refused` : undefined;
    const about = extras.hotspot === 'rejection' && rejection ? [command, rejection] : [names.aggregate(target), command];
    (doc.hotspots as unknown[]).push({ title: prose.sayNonEmpty(4, 'Who decides this?'), about, ...withDescription(prose, 5) });
    shapes.add(extras.hotspot === 'rejection' && rejection ? 'hotspot about a rejection' : 'hotspot about elements');
  }
  if (extras.architecture) {
    doc.architecture = {
      eventStore: { choice: 'emmett-postgresql', ...(prose.say(1) !== undefined ? { why: prose.say(1) } : {}) },
      slas: [{ name: prose.sayNonEmpty(2, 'page after a write'), target: '2s' }],
      decisions: [{ title: prose.sayNonEmpty(3, 'Prices are fixed'), text: prose.sayNonEmpty(4, 'At checkout.') }],
      retry: { attempts: 3, backoff: 'exponential' },
    };
    shapes.add('architecture facts');
  }
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
