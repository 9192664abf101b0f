// Builds typed models in memory for schema tests, without YAML text (field types are read by the
// loader's own type-syntax parser, so the tests and the format agree on what `enum(a|b)` means).
import type { BoundedContext, Event, EventVersion, Field, Model, NameRef, Policy, Projection, SourceSpan, TypeRef, Upcast, ValueObject } from '../../../generator/model/types.js';
import { parseTypeText } from '../../../generator/model/load/type-syntax.js';
import { emptyContext } from '../../../generator/model/load/context.js';

let line = 1;
export const span = (file = 'ctx.yaml', at?: number): SourceSpan => {
  const l = at ?? line++;
  return { file, line: l, col: 3, endLine: l, endCol: 10 };
};

/** Parses the short type form used in tests (`uuid`, `Money[]`, `enum(a|b)`) with the loader's own parser. */
export function parseType(text: string): TypeRef {
  const parsed = parseTypeText(text);
  if (!parsed.ok) throw new Error(`test model: ${parsed.message}`);
  return parsed.type;
}

export interface FieldSpec {
  type: string | TypeRef;
  default?: Field['default'];
  description?: string;
  unit?: string;
}

/** `{ a: 'uuid', 'b?': 'string', c: { type: 'int', default: 1 } }` -> fields in order. */
export function fields(spec: Record<string, string | FieldSpec>, file = 'ctx.yaml'): Field[] {
  return Object.entries(spec).map(([key, value]) => {
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    const s: FieldSpec = typeof value === 'string' ? { type: value } : value;
    const type = typeof s.type === 'string' ? parseType(s.type) : s.type;
    const f: Field = { name, optional, type, typeText: typeof s.type === 'string' ? s.type : 'schema', loc: span(file) };
    if (s.default !== undefined) f.default = s.default;
    if (s.description !== undefined) f.description = s.description;
    if (s.unit !== undefined) f.unit = s.unit;
    return f;
  });
}

const ref = (name: string, file = 'ctx.yaml'): NameRef => ({ name, loc: span(file) });

export interface EventSpec {
  version?: number;
  published?: boolean;
  fields: Record<string, string | FieldSpec>;
  previous?: { version: number; fields: Record<string, string | FieldSpec>; upcast?: Upcast }[];
  reserved?: string[];
  description?: string;
}

export function event(name: string, spec: EventSpec, context = 'Ctx', file = 'ctx.yaml'): Event {
  const previousVersions: EventVersion[] = (spec.previous ?? []).map((p) => ({
    version: p.version,
    fields: fields(p.fields, file),
    upcast: p.upcast ?? { kind: 'declarative', defaults: {}, renames: {} },
    loc: span(file),
  }));
  const e: Event = {
    kind: 'event',
    name,
    context,
    loc: span(file),
    version: spec.version ?? 1,
    fields: fields(spec.fields, file),
    published: spec.published ?? false,
    previousVersions,
    reserved: spec.reserved ?? [],
    aggregate: ref('Agg', file),
  };
  if (spec.description !== undefined) e.description = spec.description;
  return e;
}

export function valueObject(name: string, spec: Record<string, string | FieldSpec>, context = 'Ctx'): ValueObject {
  return { kind: 'valueObject', name, context, loc: span(), fields: fields(spec) };
}

export function projection(name: string, from: string[], context = 'Ctx'): Projection {
  return { kind: 'projection', name, context, loc: span(), from: from.map((f) => ref(f)), key: 'id', fields: [], consistency: 'eventual' };
}

export function policy(name: string, on: string[], context = 'Ctx'): Policy {
  return { kind: 'policy', name, context, loc: span(), on: on.map((f) => ref(f)), issues: [] };
}

export function context(name: string, parts: Partial<Omit<BoundedContext, 'name'>> = {}, file = `${name.toLowerCase()}.yaml`): BoundedContext {
  return { ...emptyContext(name, file, span(file, 1)), ...parts };
}

export const model = (...contexts: BoundedContext[]): Model => ({ contexts, layouts: {} });
