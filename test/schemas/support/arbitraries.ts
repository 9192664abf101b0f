// fast-check arbitraries for the soundness property: random JSON Schemas from a small grammar,
// random mutations of them (so that old/new pairs are related, as real evolutions are), and
// values drawn from a schema (mostly valid; the test keeps only those ajv accepts).
import fc from 'fast-check';
import type { JsonValue } from '../../../generator/model/types.js';

export type S = { [key: string]: JsonValue };

const PROPS = ['p0', 'p1', 'p2', 'p3'];
const PATTERNS = ['^[a-c]+$', '^[a-z]+$', '^x'];
const FORMATS = ['date', 'uuid', 'email'];

const stringSchema: fc.Arbitrary<S> = fc
  .record(
    {
      minLength: fc.integer({ min: 0, max: 3 }),
      maxLength: fc.integer({ min: 3, max: 8 }),
      pattern: fc.constantFrom(...PATTERNS),
      format: fc.constantFrom(...FORMATS),
      enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'ab'), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map((r) => {
    // A format with a length bound or an enum rarely has valid values; keep them apart.
    if (r.format !== undefined) return { type: 'string', format: r.format };
    return { type: 'string', ...r };
  });

const numberSchema: fc.Arbitrary<S> = fc
  .record(
    {
      type: fc.constantFrom('integer', 'number'),
      minimum: fc.integer({ min: -5, max: 0 }),
      maximum: fc.integer({ min: 1, max: 10 }),
      exclusiveMinimum: fc.integer({ min: -6, max: 0 }),
      exclusiveMaximum: fc.integer({ min: 1, max: 11 }),
      multipleOf: fc.constantFrom(1, 2, 3, 4),
    },
    { requiredKeys: ['type'] },
  )
  .map((r) => r as S);

const leaf: fc.Arbitrary<S> = fc.oneof(
  stringSchema,
  numberSchema,
  fc.constant<S>({ type: 'boolean' }),
  fc.constant<S>({ type: ['string', 'null'] }),
  fc.constant<S>({}),
  fc.constantFrom<S>({ const: 'a' }, { const: 1 }),
);

const tree = fc.letrec<{ node: S; object: S; array: S; union: S }>((tie) => ({
  node: fc.oneof({ maxDepth: 2, depthIdentifier: 'schema' }, leaf, leaf, tie('object'), tie('array'), tie('union')),
  object: fc
    .record({
      props: fc.uniqueArray(fc.constantFrom(...PROPS), { maxLength: 3 }),
      schemas: fc.array(tie('node'), { minLength: 3, maxLength: 3 }),
      requiredMask: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      additional: fc.constantFrom<'closed' | 'open' | 'typed'>('closed', 'open', 'typed'),
      additionalSchema: leaf,
    })
    .map(({ props, schemas, requiredMask, additional, additionalSchema }) => {
      const properties: S = {};
      props.forEach((p, i) => (properties[p] = schemas[i]!));
      const s: S = { type: 'object', properties, required: props.filter((_, i) => requiredMask[i]) };
      if (additional === 'closed') s.additionalProperties = false;
      if (additional === 'typed') s.additionalProperties = additionalSchema;
      return s;
    }),
  array: fc
    .record({ items: tie('node'), minItems: fc.integer({ min: 0, max: 2 }), maxItems: fc.integer({ min: 2, max: 4 }), uniqueItems: fc.boolean() }, { requiredKeys: ['items'] })
    .map((r) => ({ type: 'array', ...r }) as S),
  union: fc.record({ kind: fc.constantFrom('anyOf', 'oneOf', 'allOf'), members: fc.array(leaf, { minLength: 1, maxLength: 3 }) }).map(({ kind, members }) => ({ [kind]: members }) as S),
}));

/** An event payload schema: always an object at the root, like the ones the gate compares. */
export const schemaArb: fc.Arbitrary<S> = tree.object;

// ------------------------------------------------------------------------------------------
// Mutations: small edits applied to one node of a schema.

type Mutation = (s: S, pick: number) => S;

const clone = <T>(v: T): T => structuredClone(v);
const without = (s: S, key: string): S => {
  const c = { ...s };
  delete c[key];
  return c;
};

const MUTATIONS: Mutation[] = [
  // properties
  (s, k) => (s.type === 'object' ? { ...s, properties: { ...(s.properties as S), [PROPS[k % 4]!]: { type: k % 2 ? 'string' : 'integer' } } } : s),
  (s, k) => {
    if (s.type !== 'object') return s;
    const props = { ...(s.properties as S) };
    const name = Object.keys(props)[k % Math.max(1, Object.keys(props).length)];
    if (name === undefined) return s;
    delete props[name];
    return { ...s, properties: props, required: (s.required as string[]).filter((r) => r !== name) };
  },
  (s, k) => {
    if (s.type !== 'object') return s;
    const names = Object.keys(s.properties as S);
    const name = names[k % Math.max(1, names.length)];
    if (name === undefined) return s;
    const req = s.required as string[];
    return { ...s, required: req.includes(name) ? req.filter((r) => r !== name) : [...req, name] };
  },
  (s, k) => (s.type === 'object' ? (k % 3 === 0 ? without(s, 'additionalProperties') : k % 3 === 1 ? { ...s, additionalProperties: false } : { ...s, additionalProperties: { type: 'string' } }) : s),
  // types
  (s) => (s.type === 'integer' ? { ...s, type: 'number' } : s.type === 'number' ? { ...s, type: 'integer' } : s),
  (s) => (typeof s.type === 'string' ? { ...s, type: [s.type, 'null'] } : Array.isArray(s.type) ? { ...s, type: s.type[0]! } : s),
  (s, k) => (typeof s.type === 'string' && s.type !== 'object' && s.type !== 'array' ? { ...s, type: ['string', 'integer', 'boolean'][k % 3]! } : s),
  // values
  (s, k) => (Array.isArray(s.enum) ? (k % 2 ? { ...s, enum: [...s.enum, 'zz'] } : s.enum.length > 1 ? { ...s, enum: s.enum.slice(1) } : without(s, 'enum')) : s.type === 'string' ? { ...s, enum: ['a', 'b'] } : s),
  (s, k) => ('const' in s ? without(s, 'const') : k % 2 ? { ...s, const: 'a' } : s),
  (s, k) => (s.type === 'string' ? ('format' in s ? (k % 2 ? without(s, 'format') : { ...s, format: FORMATS[k % 3]! }) : { ...s, format: FORMATS[k % 3]! }) : s),
  (s, k) => (s.type === 'string' ? ('pattern' in s ? without(s, 'pattern') : { ...s, pattern: PATTERNS[k % 3]! }) : s),
  // bounds
  (s, k) => {
    const keys = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'multipleOf'];
    const key = keys[k % keys.length]!;
    if (key in s) return k % 2 ? without(s, key) : { ...s, [key]: (s[key] as number) + (k % 4 === 0 ? 1 : -1) };
    return { ...s, [key]: key === 'multipleOf' ? 2 : k % 5 };
  },
  (s) => (s.type === 'array' ? { ...s, uniqueItems: !s.uniqueItems } : s),
  // combinators
  (s, k) => {
    for (const c of ['anyOf', 'oneOf', 'allOf']) {
      if (Array.isArray(s[c])) {
        const m = s[c] as JsonValue[];
        return k % 3 === 0 ? { ...s, [c]: [...m, { type: 'boolean' }] } : k % 3 === 1 && m.length > 1 ? { ...s, [c]: m.slice(1) } : { [['anyOf', 'oneOf', 'allOf'][k % 3]!]: m };
      }
    }
    return s;
  },
];

/** Every sub-schema position of `s`, as a path of keys. */
function positions(s: JsonValue, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return out;
  out.push(path);
  const o = s as S;
  if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) positions((o.properties as S)[k]!, [...path, 'properties', k], out);
  if (o.items) positions(o.items, [...path, 'items'], out);
  if (o.additionalProperties && typeof o.additionalProperties === 'object') positions(o.additionalProperties, [...path, 'additionalProperties'], out);
  for (const c of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(o[c])) (o[c] as JsonValue[]).forEach((m, i) => positions(m, [...path, c, i], out));
  return out;
}

function applyAt(s: S, path: (string | number)[], f: (n: S) => S): S {
  if (path.length === 0) return f(s);
  const root = clone(s) as any;
  let node = root;
  for (const k of path.slice(0, -1)) node = node[k];
  const last = path[path.length - 1]!;
  node[last] = f(node[last]);
  return root;
}

export const mutationArb = fc.array(fc.record({ at: fc.nat(), which: fc.nat({ max: MUTATIONS.length - 1 }), k: fc.nat({ max: 11 }) }), { minLength: 1, maxLength: 2 });

export function mutate(s: S, edits: { at: number; which: number; k: number }[]): S {
  let out = clone(s);
  for (const e of edits) {
    const ps = positions(out);
    out = applyAt(out, ps[e.at % ps.length]!, (n) => MUTATIONS[e.which]!(n, e.k));
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Values from a schema (best effort; callers filter with a validator).

const anyJson: fc.Arbitrary<JsonValue> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -3, max: 12 }), fc.boolean(), fc.constant(null), fc.double({ min: -3, max: 12, noNaN: true }));

export function valueArb(schema: JsonValue, depth = 0): fc.Arbitrary<JsonValue> {
  if (schema === true || schema === undefined) return anyJson;
  if (schema === false || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return anyJson;
  const s = schema as S;
  if ('const' in s) return fc.constant(s.const as JsonValue);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as JsonValue[]));
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as JsonValue[]).map((m) => valueArb(m, depth + 1)));
  if (Array.isArray(s.oneOf)) return fc.oneof(...(s.oneOf as JsonValue[]).map((m) => valueArb(m, depth + 1)));
  if (Array.isArray(s.allOf)) return fc.oneof(...(s.allOf as JsonValue[]).map((m) => valueArb({ ...without(s, 'allOf'), ...(m as S) }, depth + 1)));
  const types = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : [];
  if (types.length === 0) return anyJson;
  return fc.oneof(...types.map((t) => typedValue(s, t, depth)));
}

function typedValue(s: S, type: string, depth: number): fc.Arbitrary<JsonValue> {
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = Math.max(n('minimum') ?? -20, (n('exclusiveMinimum') ?? -21) + 1);
      const max = Math.min(n('maximum') ?? 20, (n('exclusiveMaximum') ?? 21) - 1);
      if (min > max) return fc.constant(min);
      const m = n('multipleOf') ?? 1;
      const ints = fc.integer({ min: Math.ceil(min / m), max: Math.max(Math.ceil(min / m), Math.floor(max / m)) }).map((x) => x * m);
      return type === 'integer' ? ints : fc.oneof(ints, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case 'string': {
      const format = s.format;
      if (format === 'uuid') return fc.uuid();
      if (format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (format === 'email') return fc.constantFrom('a@example.com', 'someone@shop.test');
      // No filters here (an impossible schema would make fast-check spin): the caller keeps
      // only the values its validator accepts.
      if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
      const minLength = n('minLength') ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, n('maxLength') ?? 6) });
    }
    case 'array': {
      const items = valueArb(s.items ?? true, depth + 1);
      const c = { minLength: n('minItems') ?? 0, maxLength: Math.min(n('maxItems') ?? 3, 4) };
      if (c.minLength > c.maxLength) return fc.constant([]);
      // uniqueArray never gets a minimum: items drawn from a tiny domain could not satisfy it.
      return s.uniqueItems ? fc.uniqueArray(items, { maxLength: c.maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, c);
    }
    case 'object': {
      const props = (s.properties ?? {}) as S;
      const required = new Set((s.required ?? []) as string[]);
      const entries = Object.keys(props).map((k) => (required.has(k) ? valueArb(props[k]!, depth + 1).map((v) => [k, v] as const) : fc.option(valueArb(props[k]!, depth + 1).map((v) => [k, v] as const), { nil: undefined })));
      // Extra keys: any name from the pool, so an open object may carry a property another
      // version declares (the #1458 case).
      const ap = s.additionalProperties;
      const extra = ap === false ? fc.constant([] as (readonly [string, JsonValue])[]) : fc.array(fc.tuple(fc.constantFrom(...PROPS, 'zz'), ap === undefined || ap === true ? anyJson : valueArb(ap, depth + 1)), { maxLength: 3 });
      return fc.tuple(fc.tuple(...entries), extra).map(([declared, more]) => {
        const o: { [k: string]: JsonValue } = {};
        for (const [k, v] of more) if (!(k in props)) o[k] = v;
        for (const e of declared) if (e) o[e[0]] = e[1];
        return o;
      });
    }
    default:
      return anyJson;
  }
}
