// fast-check arbitraries for valid bounded contexts, in the exact shape the loader produces
// (so `load(serialize(m))` can be compared with `m` ignoring positions). Free text uses every
// code point (`unit: 'binary'`), names are identifiers, JSON values avoid reserved keys.
import fc from 'fast-check';
import { formatType } from '../../generator/model/load/type-syntax.js';
import {
  PRIMITIVE_TYPE_NAMES,
  type Actor,
  type Aggregate,
  type ArchitectureFacts,
  type BoundedContext,
  type Command,
  type Event,
  type EventVersion,
  type ExternalSystem,
  type Field,
  type FieldSource,
  type Hotspot,
  type JsonValue,
  type NameRef,
  type Policy,
  type Projection,
  type Relationship,
  type SourceSpan,
  type Spec,
  type SpecMessage,
  type TypeRef,
  type ValueObject,
} from '../../generator/model/types.js';

export const FILE = 'ctx.yaml';
/** Positions are not part of what is compared; every generated element gets this one. */
export const LOC: SourceSpan = { file: FILE, line: 1, col: 1, endLine: 1, endCol: 1 };

const RESERVED = new Set(['__proto__', 'constructor', 'prototype', '<<']);

/** Pieces of text that YAML treats specially somewhere (1.1 scalars, indicators, line breaks). */
const TRICKY = ['', ' ', '\n', '\n\n', '\r\n', '\t', 'yes', 'No', 'on', 'OFF', '~', 'null', '1.10', '0x1F', '0o17', '1_000', '2026-12-17', '12:30', '#x', ' #', '- x', 'a: b', ': ', '"', "'", '|', '>', '*a', '&a', '!t', '%', '@', '`', '---', '...', '\u2028', '\u0085', '😀', '\\', '{', '[', ',', '?'];

export const text = (maxLength = 24) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...TRICKY), { maxLength: 4 }).map((parts) => parts.join('')) },
  );
const optionalText = () => fc.option(text(), { nil: undefined });
export const typeName = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,9}$/);
export const memberName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,9}$/).filter((n) => !RESERVED.has(n));

export const nameRef: fc.Arbitrary<NameRef> = fc
  .tuple(fc.option(typeName, { nil: undefined }), typeName)
  .map(([context, name]) => (context ? { context, name, loc: LOC } : { name, loc: LOC }));

/** JSON without reserved keys and without -0 (which JSON cannot hold either). */
export const json: fc.Arbitrary<JsonValue> = fc
  .letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      text(),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(text(8).filter((k) => !RESERVED.has(k)), tie('value'), { maxKeys: 3 }),
    ),
  }))
  .value.map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);

export const jsonObject: fc.Arbitrary<Record<string, JsonValue>> = fc
  .dictionary(text(8).filter((k) => !RESERVED.has(k)), json, { maxKeys: 3 })
  .map((v) => JSON.parse(JSON.stringify(v)) as Record<string, JsonValue>);

const enumValue = fc.stringMatching(/^[a-z0-9_-]{1,6}$/);

export const typeRef: fc.Arbitrary<TypeRef> = fc.letrec<{ type: TypeRef }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    fc.constantFrom(...PRIMITIVE_TYPE_NAMES).map((name): TypeRef => ({ kind: 'primitive', name })),
    typeName.map((name): TypeRef => ({ kind: 'ref', name })),
    fc.uniqueArray(enumValue, { minLength: 1, maxLength: 4 }).map((values): TypeRef => ({ kind: 'enum', values })),
    tie('type').map((of): TypeRef => ({ kind: 'array', of })),
  ),
})).type;

const schemaObject = jsonObject.map((o) => ({ type: 'object', ...o }) as { [key: string]: JsonValue });

export function field(name: string): fc.Arbitrary<Field> {
  const extras = fc.record({
    description: optionalText(),
    default: fc.option(json, { nil: undefined }),
    unit: optionalText(),
    deprecated: fc.option(fc.oneof(fc.constant(true as const), text().filter((t) => t.trim() !== '')), { nil: undefined }),
  });
  const bound = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((d) => !Object.is(d, -0)));
  const length = fc.nat({ max: 1000 });
  const constraints = fc.option(
    fc
      .record(
        { min: bound, max: bound, positive: fc.constant(true as const), minLength: length, maxLength: length, pattern: text(), minItems: length, maxItems: length },
        { requiredKeys: [] },
      )
      .filter((c) => Object.keys(c).length > 0),
    { nil: undefined },
  );
  const plain = fc
    .record({ type: typeRef, optional: fc.boolean(), suffix: fc.boolean(), long: fc.boolean(), extras, constraints })
    .map(({ type, optional, suffix, long, extras, constraints }): Field => {
      const typeText = formatType(type) + (optional && suffix ? '?' : '');
      const f: Field = { name, optional, type, typeText, loc: LOC };
      const hasExtras = extras.description !== undefined || extras.default !== undefined || extras.unit !== undefined || extras.deprecated !== undefined || constraints !== undefined;
      if (long || hasExtras) {
        f.longForm = true;
        if (extras.description !== undefined) f.description = extras.description;
        if (extras.default !== undefined) f.default = extras.default;
        if (extras.unit !== undefined) f.unit = extras.unit;
        if (extras.deprecated !== undefined) f.deprecated = extras.deprecated;
        if (constraints !== undefined) f.constraints = constraints;
      }
      return f;
    });
  const schema = fc.record({ schema: schemaObject, optional: fc.boolean(), extras }).map(({ schema, optional, extras }): Field => {
    const f: Field = { name, optional, type: { kind: 'schema', schema }, typeText: 'schema', loc: LOC };
    if (extras.description !== undefined) f.description = extras.description;
    if (extras.default !== undefined) f.default = extras.default;
    if (extras.unit !== undefined) f.unit = extras.unit;
    if (extras.deprecated !== undefined) f.deprecated = extras.deprecated;
    return f;
  });
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: schema });
}

export const fields: fc.Arbitrary<Field[]> = fc
  .uniqueArray(memberName, { maxLength: 4 })
  .chain((names) => (names.length === 0 ? fc.constant([]) : fc.tuple(...names.map(field))));

const names = (max: number) => fc.uniqueArray(typeName, { maxLength: max });
const refs = fc.array(nameRef, { maxLength: 3 });
/** A policy's `with:` entries: distinct command fields, each a path of the trigger or $newId. */
const fieldSources: fc.Arbitrary<FieldSource[]> = fc.uniqueArray(
  fc.record({
    field: memberName,
    source: fc.oneof(fc.constant({ kind: 'newId' as const }), fc.array(memberName, { minLength: 1, maxLength: 3 }).map((path) => ({ kind: 'path' as const, path }))),
  }),
  { selector: (s) => s.field, maxLength: 3 },
).map((list) => list.map((s) => ({ ...s, loc: LOC })));

function withDescription<T extends object>(element: T, description: string | undefined): T {
  return description === undefined ? element : { ...element, description };
}

export function actor(name: string, context: string): fc.Arbitrary<Actor> {
  return optionalText().map((d) => withDescription({ kind: 'actor' as const, name, context, loc: LOC }, d));
}

export function externalSystem(name: string, context: string): fc.Arbitrary<ExternalSystem> {
  return fc
    .tuple(optionalText(), refs, refs)
    .map(([d, emits, consumes]) => withDescription({ kind: 'externalSystem' as const, name, context, loc: LOC, emits, ...(consumes.length > 0 ? { consumes } : {}) }, d));
}

export function valueObject(name: string, context: string): fc.Arbitrary<ValueObject> {
  return fc.tuple(optionalText(), fields).map(([d, f]) => withDescription({ kind: 'valueObject' as const, name, context, loc: LOC, fields: f }, d));
}

export function aggregate(name: string, context: string): fc.Arbitrary<Aggregate> {
  return fc
    .record({
      identity: memberName,
      description: optionalText(),
      invariants: fc.array(text(), { maxLength: 3 }),
      state: fields,
      longLived: fc.option(fc.boolean(), { nil: undefined }),
      snapshotEvery: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    })
    .map((r) => {
      const a: Aggregate = { kind: 'aggregate', name, context, loc: LOC, identity: r.identity, invariants: r.invariants.map((t) => ({ text: t, loc: LOC })), state: r.state };
      if (r.longLived !== undefined) a.longLived = r.longLived;
      if (r.snapshotEvery !== undefined) a.snapshotEvery = r.snapshotEvery;
      return withDescription(a, r.description);
    });
}

export function command(name: string, context: string): fc.Arbitrary<Command> {
  return fc
    .record({ aggregate: nameRef, actor: fc.option(nameRef, { nil: undefined }), description: optionalText(), fields, emits: refs, rejects: refs, creates: fc.option(fc.boolean(), { nil: undefined }) })
    .map((r) => {
      const c: Command = { kind: 'command', name, context, loc: LOC, aggregate: r.aggregate, fields: r.fields, emits: r.emits, rejects: r.rejects };
      if (r.actor) c.actor = r.actor;
      if (r.creates !== undefined) c.creates = r.creates;
      return withDescription(c, r.description);
    });
}

const upcast = fc.oneof(
  fc.constant({ kind: 'custom' as const }),
  fc
    .record({ defaults: jsonObject, renames: fc.dictionary(memberName, memberName, { maxKeys: 2 }) })
    .map(({ defaults, renames }) => ({ kind: 'declarative' as const, defaults, renames: { ...renames } })),
);

const previousVersions: fc.Arbitrary<EventVersion[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 2 })
  .chain((versions) =>
    versions.length === 0 ? fc.constant([]) : fc.tuple(...versions.map((version) => fc.record({ fields, upcast }).map((r) => ({ version, ...r, loc: LOC })))),
  );

export function event(name: string, context: string): fc.Arbitrary<Event> {
  return fc
    .record({
      origin: fc.oneof(nameRef.map((r) => ({ aggregate: r })), nameRef.map((r) => ({ source: r }))),
      description: optionalText(),
      version: fc.integer({ min: 1, max: 50 }),
      published: fc.boolean(),
      fields,
      previousVersions,
      reserved: fc.array(memberName, { maxLength: 2 }),
      retired: fc.boolean(),
      formerly: fc.array(nameRef, { maxLength: 2 }),
    })
    .map((r) => {
      const e: Event = { kind: 'event', name, context, loc: LOC, version: r.version, fields: r.fields, published: r.published, previousVersions: r.previousVersions, reserved: r.reserved, ...r.origin, ...(r.retired ? { retired: true } : {}), ...(r.formerly.length > 0 ? { formerly: r.formerly } : {}) };
      return withDescription(e, r.description);
    });
}

export function policy(name: string, context: string): fc.Arbitrary<Policy> {
  return fc.record({ description: optionalText(), on: refs, issues: refs, reads: refs, with: fieldSources }).map((r) =>
    withDescription(
      { kind: 'policy' as const, name, context, loc: LOC, on: r.on, issues: r.issues, ...(r.reads.length > 0 ? { reads: r.reads } : {}), ...(r.with.length > 0 ? { with: r.with } : {}) },
      r.description,
    ),
  );
}

export function projection(name: string, context: string): fc.Arbitrary<Projection> {
  return fc
    .record({ description: optionalText(), from: refs, key: memberName, fields, consistency: fc.constantFrom('strong' as const, 'eventual' as const), lagTarget: optionalText() })
    .map((r) => {
      const p: Projection = { kind: 'projection', name, context, loc: LOC, from: r.from, key: r.key, fields: r.fields, consistency: r.consistency };
      if (r.lagTarget !== undefined) p.lagTarget = r.lagTarget;
      return withDescription(p, r.description);
    });
}

export function hotspot(context: string): fc.Arbitrary<Hotspot> {
  return fc.record({ title: text(), about: refs, description: optionalText() }).map((r) => withDescription({ kind: 'hotspot' as const, name: r.title, context, loc: LOC, about: r.about }, r.description));
}

const message: fc.Arbitrary<SpecMessage> = fc.record({ type: nameRef, data: jsonObject }).map((r) => ({ ...r, loc: LOC }));

export function spec(context: string): fc.Arbitrary<Spec> {
  return fc
    .record({
      name: text(),
      given: fc.array(message, { maxLength: 2 }),
      when: message,
      then: fc.oneof(
        fc.array(message, { minLength: 1, maxLength: 2 }).map((events) => ({ kind: 'events' as const, events })),
        nameRef.map((error) => ({ kind: 'rejects' as const, error })),
        fc.constant({ kind: 'nothing' as const }),
      ),
    })
    .map((r) => ({ ...r, context, loc: LOC }));
}

export const relationship: fc.Arbitrary<Relationship> = fc
  .record({
    context: typeName,
    kind: fc.constantFrom('customer-supplier', 'conformist', 'anticorruption-layer', 'published-language', 'open-host-service', 'partnership', 'shared-kernel') as fc.Arbitrary<Relationship['kind']>,
    description: optionalText(),
  })
  .map((r) => withDescription({ context: r.context, kind: r.kind, loc: LOC }, r.description));

export const architecture: fc.Arbitrary<ArchitectureFacts> = fc
  .record({
    eventStore: fc.option(fc.record({ choice: text(), why: optionalText() }), { nil: undefined }),
    slas: fc.array(fc.record({ name: text(), target: text(), why: optionalText() }), { maxLength: 2 }),
    decisions: fc.array(fc.record({ title: text(), text: text() }), { maxLength: 2 }),
    retry: fc.option(fc.record({ attempts: fc.integer({ min: 0, max: 20 }), backoff: fc.option(fc.constantFrom('exponential', 'fixed', 'constant', 'none', '200ms', '2s'), { nil: undefined }) }), { nil: undefined }),
  })
  .map((r) => {
    const facts: ArchitectureFacts = {
      slas: r.slas.map((s) => withDescriptionless({ name: s.name, target: s.target, why: s.why, loc: LOC })),
      decisions: r.decisions.map((d) => ({ ...d, loc: LOC })),
    };
    if (r.eventStore) facts.eventStore = withDescriptionless({ choice: r.eventStore.choice, why: r.eventStore.why, loc: LOC });
    if (r.retry) facts.retry = withDescriptionless({ attempts: r.retry.attempts, backoff: r.retry.backoff, loc: LOC });
    return facts;
  });

/** Drops properties whose value is undefined (the loader never sets them). */
function withDescriptionless<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function named<T>(make: (name: string, context: string) => fc.Arbitrary<T>, context: string, max: number): fc.Arbitrary<T[]> {
  return names(max).chain((ns) => (ns.length === 0 ? fc.constant([]) : fc.tuple(...ns.map((n) => make(n, context)))));
}

/** A whole valid context, as `loadModel` would return it for its serialized file. */
export const boundedContext: fc.Arbitrary<BoundedContext> = fc
  .tuple(typeName, optionalText())
  .chain(([name, description]) =>
    fc
      .record({
        relationships: fc.array(relationship, { maxLength: 2 }),
        actors: named(actor, name, 2),
        externalSystems: named(externalSystem, name, 2),
        valueObjects: named(valueObject, name, 2),
        aggregates: named(aggregate, name, 2),
        commands: named(command, name, 3),
        events: named(event, name, 3),
        policies: named(policy, name, 2),
        projections: named(projection, name, 2),
        hotspots: fc.array(hotspot(name), { maxLength: 2 }),
        specs: fc.array(spec(name), { maxLength: 2 }),
        architecture,
      })
      .map((sections): BoundedContext => withDescription({ name, file: FILE, loc: LOC, ...sections }, description)),
  );

/** Generators for a replacement element of each named section (same name, new body). */
export const ELEMENT_MAKERS = {
  actors: actor,
  externalSystems: externalSystem,
  valueObjects: valueObject,
  aggregates: aggregate,
  commands: command,
  events: event,
  policies: policy,
  projections: projection,
} as const;
