// A fast-check arbitrary for models that pass validation (unlike model-arbitraries.ts, whose
// contexts are only well-formed): every reference resolves, names are unique across the model
// (element names carry their context's name), value objects exist, cross-context links are
// qualified and go to published events. Free text still uses every code point.
import fc from 'fast-check';
import { formatType } from '../../generator/model/load/type-syntax.js';
import { PRIMITIVE_TYPE_NAMES, type BoundedContext, type Field, type Model, type NameRef, type TypeRef } from '../../generator/model/types.js';
import { LOC, memberName, text, typeName } from './model-arbitraries.js';

const ref = (name: string, context?: string): NameRef => (context ? { name, context, loc: LOC } : { name, loc: LOC });
const optionalText = fc.option(text(), { nil: undefined });
const SAFE_PRIMITIVES = PRIMITIVE_TYPE_NAMES;

function typeOf(valueObjects: readonly string[]): fc.Arbitrary<TypeRef> {
  const leaf = fc.oneof(
    fc.constantFrom(...SAFE_PRIMITIVES).map((name): TypeRef => ({ kind: 'primitive', name })),
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,5}$/), { minLength: 1, maxLength: 3 }).map((values): TypeRef => ({ kind: 'enum', values })),
    ...(valueObjects.length > 0 ? [fc.constantFrom(...valueObjects).map((name): TypeRef => ({ kind: 'ref', name }))] : []),
  );
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: leaf.map((of): TypeRef => ({ kind: 'array', of })) });
}

function fieldsOf(valueObjects: readonly string[], identity?: string): fc.Arbitrary<Field[]> {
  return fc.uniqueArray(fc.tuple(memberName.filter((n) => n !== identity), typeOf(valueObjects), fc.boolean(), optionalText), { maxLength: 4, selector: ([n]) => n }).map((entries) => {
    const fields: Field[] = entries.map(([name, type, optional, description]) => {
      const f: Field = { name, optional, type, typeText: formatType(type), loc: LOC };
      if (description !== undefined) Object.assign(f, { description, longForm: true });
      return f;
    });
    return identity ? [{ name: identity, optional: false, type: { kind: 'primitive', name: 'uuid' }, typeText: 'uuid', loc: LOC }, ...fields] : fields;
  });
}

interface Shape {
  name: string;
  description: string | undefined;
  valueObjects: number;
  aggregates: number;
  events: { aggregate: number; published: boolean; version: number; description: string | undefined }[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  name: typeName,
  description: optionalText,
  valueObjects: fc.integer({ min: 0, max: 2 }),
  aggregates: fc.integer({ min: 1, max: 2 }),
  events: fc.array(fc.record({ aggregate: fc.nat(1), published: fc.boolean(), version: fc.integer({ min: 1, max: 3 }), description: optionalText }), { minLength: 1, maxLength: 4 }),
});

function contextOf(s: Shape, others: { context: string; event: string }[]): fc.Arbitrary<BoundedContext> {
  const voNames = Array.from({ length: s.valueObjects }, (_, i) => `${s.name}Value${i}`);
  const aggNames = Array.from({ length: s.aggregates }, (_, i) => `${s.name}Thing${i}`);
  const identity = (a: number) => `thing${a}Id`;
  return fc
    .record({
      voFields: fc.tuple(...voNames.map((_, i) => fieldsOf(voNames.slice(0, i))), fc.constant([])),
      eventFields: fc.tuple(...s.events.map((e) => fieldsOf(voNames, identity(e.aggregate % s.aggregates))), fc.constant([])),
      commandFields: fc.tuple(...s.events.map((e) => fieldsOf(voNames, identity(e.aggregate % s.aggregates))), fc.constant([])),
      consumes: fc.subarray(others, { maxLength: Math.min(2, others.length) }),
    })
    .map(({ voFields, eventFields, commandFields, consumes }): BoundedContext => {
      const context = s.name;
      const events = s.events.map((e, i) => ({
        kind: 'event' as const,
        name: `${context}Happened${i}`,
        context,
        loc: LOC,
        aggregate: ref(aggNames[e.aggregate % s.aggregates]!),
        version: e.version,
        fields: eventFields[i] as Field[],
        published: e.published,
        previousVersions: [],
        reserved: [],
        ...(e.description !== undefined ? { description: e.description } : {}),
      }));
      const commands = s.events.map((e, i) => ({
        kind: 'command' as const,
        name: `${context}Do${i}`,
        context,
        loc: LOC,
        aggregate: ref(aggNames[e.aggregate % s.aggregates]!),
        fields: commandFields[i] as Field[],
        emits: [ref(events[i]!.name)],
        rejects: [],
      }));
      const policies = consumes.map((c, i) => ({ kind: 'policy' as const, name: `${context}Reacts${i}`, context, loc: LOC, on: [ref(c.event, c.context)], issues: [ref(commands[0]!.name)] }));
      return {
        name: context,
        ...(s.description !== undefined ? { description: s.description } : {}),
        file: `${context.toLowerCase()}.yaml`,
        loc: LOC,
        relationships: [...new Set(consumes.map((c) => c.context))].map((c) => ({ context: c, kind: 'customer-supplier' as const, loc: LOC })),
        aggregates: aggNames.map((name, a) => ({ kind: 'aggregate' as const, name, context, loc: LOC, identity: identity(a), invariants: [], state: [] })),
        commands,
        events,
        policies,
        projections: [],
        actors: [],
        externalSystems: [],
        valueObjects: voNames.map((name, i) => ({ kind: 'valueObject' as const, name, context, loc: LOC, fields: voFields[i] as Field[] })),
        hotspots: [],
        specs: [],
        architecture: { slas: [], decisions: [] },
      };
    });
}

/** 1-3 contexts; later contexts' policies may consume earlier contexts' published events. */
export const validModel: fc.Arbitrary<Model> = fc.uniqueArray(shape, { minLength: 1, maxLength: 3, selector: (s) => s.name.toLowerCase() }).chain((shapes) => {
  const built: fc.Arbitrary<BoundedContext>[] = [];
  const published: { context: string; event: string }[] = [];
  for (const s of shapes) {
    built.push(contextOf(s, [...published]));
    s.events.forEach((e, i) => e.published && published.push({ context: s.name, event: `${s.name}Happened${i}` }));
  }
  return fc.tuple(...built).map((contexts): Model => ({ contexts, layouts: {} }));
});
