// ESDM documents -> Stormsmith model (docs/esdm.md). Pure: takes parsed documents, returns the
// bounded contexts, a layout per context and a report of what did not map.
//
// Names come back from `stormsmith.io/name` annotations when an export wrote them, else from the
// kebab-case ESDM name in PascalCase (camelCase for fields). Payload schemas become fields where
// the JSON Schema is one Stormsmith writes (primitives, formats, enums, arrays, money, value
// objects by title); anything else stays as a `schema` field (the escape hatch), never lost.
import { pascalCase, camelCase } from '../names.js';
import { emptyContext } from '../model/load/context.js';
import { formatType } from '../model/load/type-syntax.js';
import type { Actor, BoundedContext, ExternalSystem, Field, FieldConstraints, JsonValue, Layout, NameRef, Policy, SourceSpan, TypeRef } from '../model/types.js';
import { parseFieldSource } from '../model/field-source.js';
import { MONEY_SCHEMA } from '../schemas/json-schema.js';
import { ANNOTATION_PREFIX, type EsdmDocument, type EsdmNote } from './types.js';

export interface EsdmImport {
  contexts: BoundedContext[];
  layouts: Map<string, Layout>;
  notes: EsdmNote[];
}

/** `["Name", "Context.Name"]` (an annotation's JSON list) as name references. */
const namesFrom = (json: string, file: string): NameRef[] =>
  (JSON.parse(json) as unknown[])
    .filter((n): n is string => typeof n === 'string')
    .map((text) => {
      const dot = text.indexOf('.');
      const loc = { ...LOC, file };
      return dot > 0 ? { context: text.slice(0, dot), name: text.slice(dot + 1), loc } : { name: text, loc };
    });

const LOC: SourceSpan = { file: '', line: 1, col: 1, endLine: 1, endCol: 1 };
const isObject = (v: unknown): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const annotations = (doc: EsdmDocument): Record<string, string> => {
  const meta = doc.metadata;
  const a = isObject(meta) && isObject(meta.annotations) ? meta.annotations : {};
  return Object.fromEntries(Object.entries(a).filter(([k, v]) => k.startsWith(ANNOTATION_PREFIX) && typeof v === 'string').map(([k, v]) => [k.slice(ANNOTATION_PREFIX.length), v as string]));
};

/** The `schema:` fields an export kept (field name -> its schema as written in the model). */
const schemaFieldsOf = (a: Record<string, string>): Record<string, JsonValue> => {
  const parsed: unknown = a.schemaFields === undefined ? undefined : JSON.parse(a.schemaFields);
  return isObject(parsed as JsonValue) ? (parsed as Record<string, JsonValue>) : {};
};

/** Fields whose own description is their value object's text (an export kept their names). */
const describedOf = (a: Record<string, string>): ReadonlySet<string> => {
  const parsed: unknown = a.describedLikeValueObject === undefined ? undefined : JSON.parse(a.describedLikeValueObject);
  return new Set(Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : []);
};

/** Puts a `loc` back on model data that an export kept as JSON (JSON payloads left alone). */
function withLoc<T>(value: unknown, file: string): T {
  const SKIP = new Set(['data', 'default', 'schema', 'constraints', 'defaults', 'renames', 'type', 'upcast']);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = SKIP.has(k) ? x : walk(x);
    return { ...out, loc: { ...LOC, file } };
  };
  return walk(value) as T;
}

const stripAnnotations = (s: Record<string, JsonValue>): Record<string, JsonValue> => {
  const { description: _d, default: _f, 'x-unit': _u, deprecated: _x, ...rest } = s;
  return rest;
};

/** JSON Schema keyword -> the long form's constraint (json-schema.ts writes them; issue 17 item 7). */
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum'] as const;
const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'] as const;
const LIST_KEYWORDS = ['minItems', 'maxItems'] as const;

/**
 * A schema written from a field with constraints: the constraints and the schema without them, or
 * undefined when its keywords are not exactly what a constrained short-form type writes.
 */
function constraintsOf(schema: Record<string, JsonValue>): { constraints: FieldConstraints; bare: Record<string, JsonValue> } | undefined {
  const c: FieldConstraints = {};
  const take = (from: Record<string, JsonValue>, keys: readonly string[]): Record<string, JsonValue> | undefined => {
    const bare = { ...from };
    for (const k of keys) {
      if (!(k in bare)) continue;
      const v = bare[k];
      delete bare[k];
      if (k === 'pattern') {
        if (typeof v !== 'string') return undefined;
        c.pattern = v;
      } else if (k === 'exclusiveMinimum') {
        if (v !== 0) return undefined;
        c.positive = true;
      } else if (typeof v === 'number') {
        const key = k === 'minimum' ? 'min' : k === 'maximum' ? 'max' : (k as 'minLength' | 'maxLength' | 'minItems' | 'maxItems');
        if (key !== 'min' && key !== 'max' && !(Number.isSafeInteger(v) && v >= 0)) return undefined;
        c[key] = v;
      } else return undefined;
    }
    return bare;
  };
  let bare: Record<string, JsonValue> | undefined;
  if (schema.type === 'array' && isObject(schema.items)) {
    const outer = take(schema, LIST_KEYWORDS);
    const items = outer && take(schema.items, [...NUMBER_KEYWORDS, ...STRING_KEYWORDS]);
    bare = outer && items ? { ...outer, items } : undefined;
  } else if (schema.type === 'object' && isObject(schema.properties) && isObject(schema.properties.amount)) {
    const amount = take(schema.properties.amount, NUMBER_KEYWORDS);
    bare = amount ? { ...schema, properties: { ...schema.properties, amount } } : undefined;
  } else {
    bare = take(schema, [...NUMBER_KEYWORDS, ...STRING_KEYWORDS]);
  }
  return bare && Object.keys(c).length > 0 ? { constraints: c, bare } : undefined;
}

/** `deprecated: true` and a reason written as the description's last paragraph (json-schema.ts fieldDescription). */
function deprecationOf(description: string | undefined): { reason?: string; description?: string } {
  // The reason may span lines (YAML allows any string); the first "\n\nDeprecated: " ends the description.
  const m = description === undefined ? null : /^(?:([\s\S]*?)\n\n)?Deprecated: ([\s\S]+)$/.exec(description);
  if (!m) return description === undefined ? {} : { description };
  return { reason: m[2]!, ...(m[1] !== undefined ? { description: m[1] } : {}) };
}
const sameJson = (a: JsonValue, b: JsonValue): boolean => JSON.stringify(a) === JSON.stringify(b);
const STRING_FORMATS: Record<string, TypeRef> = {
  uuid: { kind: 'primitive', name: 'uuid' },
  date: { kind: 'primitive', name: 'date' },
  'date-time': { kind: 'primitive', name: 'datetime' },
  email: { kind: 'primitive', name: 'email' },
  uri: { kind: 'primitive', name: 'url' },
};

function typeOf(schema: JsonValue, valueObjects: ReadonlyMap<string, string | undefined>): TypeRef {
  if (!isObject(schema)) return { kind: 'schema', schema };
  const s = stripAnnotations(schema);
  const money = stripAnnotations(MONEY_SCHEMA as Record<string, JsonValue>);
  if (sameJson(JSON.parse(JSON.stringify(s, (k, v: unknown) => (k === 'description' ? undefined : v))), JSON.parse(JSON.stringify(money, (k, v: unknown) => (k === 'description' ? undefined : v))))) return { kind: 'primitive', name: 'money' };
  if (Object.keys(s).length === 0) return { kind: 'primitive', name: 'json' };
  if (s.type === 'object' && typeof s.title === 'string' && valueObjects.has(s.title)) return { kind: 'ref', name: s.title };
  const keys = Object.keys(s).sort().join(',');
  if (s.type === 'string' && Array.isArray(s.enum) && keys === 'enum,type' && s.enum.every((x) => typeof x === 'string')) return { kind: 'enum', values: s.enum as string[] };
  if (s.type === 'string' && keys === 'type') return { kind: 'primitive', name: 'string' };
  if (s.type === 'string' && keys === 'format,type' && typeof s.format === 'string' && STRING_FORMATS[s.format]) return STRING_FORMATS[s.format]!;
  if (s.type === 'integer' && keys === 'type') return { kind: 'primitive', name: 'int' };
  if (s.type === 'number' && keys === 'type') return { kind: 'primitive', name: 'number' };
  if (s.type === 'boolean' && keys === 'type') return { kind: 'primitive', name: 'boolean' };
  if (s.type === 'array' && keys === 'items,type') {
    const of = typeOf(s.items!, valueObjects);
    if (of.kind !== 'schema') return { kind: 'array', of };
  }
  return { kind: 'schema', schema };
}

/** The fields of an object schema (`properties`, `required`); anything else is one `schema` field. */
export function fieldsOf(schema: JsonValue | undefined, valueObjects: ReadonlyMap<string, string | undefined>, file: string, schemaFields: Readonly<Record<string, JsonValue>> = {}, describedLikeValueObject: ReadonlySet<string> = new Set()): Field[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties).map(([name, written]) => {
    // A field written with the `schema:` escape hatch comes back as one, with its schema as the
    // export kept it: its JSON alone cannot tell `schema: { type: string, pattern }` from a
    // constrained `string`, nor its own keywords from the field's description.
    const escapeHatch = Object.hasOwn(schemaFields, name) ? schemaFields[name] : undefined;
    // Constraints come back as the long form's keys when the rest is a short-form type.
    const constrained = escapeHatch === undefined && isObject(written) ? constraintsOf(written) : undefined;
    const bareType = constrained ? typeOf(constrained.bare, valueObjects) : undefined;
    const useConstraints = constrained !== undefined && bareType !== undefined && bareType.kind !== 'schema' && bareType.kind !== 'ref' && bareType.kind !== 'enum';
    const prop = useConstraints ? constrained.bare : written;
    const type: TypeRef = escapeHatch !== undefined ? { kind: 'schema', schema: escapeHatch } : typeOf(prop, valueObjects);
    const f: Field = { name, optional: !required.has(name), type, typeText: type.kind === 'schema' ? 'schema' : formatType(type), loc: { ...LOC, file } };
    if (isObject(prop)) {
      // An inlined value object carries its own description unless the field set one (json-schema.ts
      // writes the field's over it).
      const own = type.kind === 'ref' ? valueObjects.get(type.name) : undefined;
      // ... unless the export said the field's own description is the same text (stormsmith.io/describedLikeValueObject).
      if (typeof prop.description === 'string' && !(type.kind === 'ref' && prop.description === own && !describedLikeValueObject.has(name))) f.description = prop.description;
      if (prop.deprecated === true) {
        const { reason, description } = deprecationOf(f.description);
        f.deprecated = reason ?? true;
        if (description === undefined) delete f.description;
        else f.description = description;
      }
      if (prop.default !== undefined) f.default = prop.default;
      if (typeof prop['x-unit'] === 'string') f.unit = prop['x-unit'];
      if (useConstraints) f.constraints = constrained.constraints;
      if (f.description !== undefined || f.default !== undefined || f.unit !== undefined || f.deprecated !== undefined || f.constraints !== undefined || type.kind === 'schema') f.longForm = true;
    }
    return f;
  });
}

export function importEsdm(input: { file: string; doc: EsdmDocument }[]): EsdmImport {
  const notes: EsdmNote[] = [];
  // Model order as an export recorded it; documents without it follow in file order.
  const rank = (d: { doc: EsdmDocument }) => {
    const o = annotations(d.doc).order;
    return o !== undefined && /^\d+$/.test(o) ? Number(o) : Number.MAX_SAFE_INTEGER;
  };
  const docs = input.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map(({ d }) => d);
  // Stormsmith names by (kind, bounded context, kebab name).
  const names = new Map<string, string>();
  const key = (kind: string, bc: string | undefined, name: string) => `${kind}\u0000${bc ?? ''}\u0000${name}`;
  const scopeOf = (doc: EsdmDocument) => (isObject(doc.scope) ? doc.scope : {});
  for (const { doc } of docs) {
    const n = annotations(doc).name;
    if (n && typeof doc.name === 'string') names.set(key(String(doc.kind), str(scopeOf(doc).boundedContext), doc.name), n);
  }
  const bcName = (bc: string): string => names.get(key('bounded-context', undefined, bc)) ?? pascalCase(bc);
  const nameOf = (kind: string, bc: string | undefined, n: string): string => names.get(key(kind, bc, n)) ?? pascalCase(n);

  const contexts = new Map<string, BoundedContext>();
  const contextFor = (bc: string): BoundedContext => {
    let c = contexts.get(bc);
    if (!c) {
      const name = bcName(bc);
      c = emptyContext(name, `${bc}.yaml`, { ...LOC, file: `${bc}.yaml` });
      contexts.set(bc, c);
    }
    return c;
  };
  const ref = (kind: string, targetBc: string, n: string, fromBc: string): NameRef => {
    const r: NameRef = { name: nameOf(kind, targetBc, n), loc: { ...LOC, file: `${fromBc}.yaml` } };
    if (targetBc !== fromBc) r.context = bcName(targetBc);
    return r;
  };

  // Bounded contexts first (value objects are needed to read payloads).
  // Value objects by name and description, per bounded context: two contexts may each have a
  // `LineItem` with its own description, and a field's description is told from its value
  // object's by comparing them. Other contexts' value objects come after the context's own.
  const voNames = new Map<string, string | undefined>();
  const voByContext = new Map<string, Map<string, string | undefined>>();
  const valueObjectsOf = (bc: string): ReadonlyMap<string, string | undefined> => new Map([...voNames, ...(voByContext.get(bc) ?? [])]);
  for (const { doc } of docs.filter((d) => d.doc.kind === 'bounded-context')) {
    const c = contextFor(String(doc.name));
    const a = annotations(doc);
    if (typeof doc.description === 'string') c.description = doc.description;
    const file = c.file;
    if (a.relationships) c.relationships = withLoc(JSON.parse(a.relationships), file);
    if (a.valueObjects) c.valueObjects = withLoc(JSON.parse(a.valueObjects), file);
    if (a.hotspots) c.hotspots = withLoc(JSON.parse(a.hotspots), file);
    if (a.specs) c.specs = withLoc(JSON.parse(a.specs), file);
    if (a.architecture) c.architecture = withLoc(JSON.parse(a.architecture), file);
    for (const v of c.valueObjects) voNames.set(v.name, v.description);
    voByContext.set(String(doc.name), new Map(c.valueObjects.map((v) => [v.name, v.description])));
  }

  for (const { file, doc } of docs) {
    const kind = String(doc.kind);
    const a = annotations(doc);
    const scope = scopeOf(doc);
    const n = String(doc.name);
    const description = typeof doc.description === 'string' ? doc.description : undefined;
    const withDesc = <T extends object>(e: T): T => (description === undefined ? e : { ...e, description });
    switch (kind) {
      case 'domain':
      case 'bounded-context':
        break;
      case 'aggregate': {
        const bc = String(scope.boundedContext);
        const c = contextFor(bc);
        const identified = isObject(doc.identifiedBy) ? doc.identifiedBy : {};
        const identity = a.identity ?? camelCase(String(identified.field ?? 'id'));
        const agg = withDesc({ kind: 'aggregate' as const, name: nameOf(kind, bc, n), context: c.name, loc: { ...LOC, file: c.file }, identity, invariants: (Array.isArray(doc.invariants) ? doc.invariants : []).filter(isObject).map((i) => ({ text: String(i.rule), loc: { ...LOC, file: c.file } })), state: fieldsOf(doc.state, valueObjectsOf(bc), c.file, schemaFieldsOf(a), describedOf(a)) });
        if (a.snapshots) {
          const s = JSON.parse(a.snapshots) as { longLived: boolean | null; snapshotEvery: number | null };
          if (s.longLived !== null) Object.assign(agg, { longLived: s.longLived });
          if (s.snapshotEvery !== null) Object.assign(agg, { snapshotEvery: s.snapshotEvery });
        }
        c.aggregates.push(agg);
        break;
      }
      case 'command': {
        const bc = String(scope.boundedContext);
        const c = contextFor(bc);
        if (scope.aggregate === undefined) notes.push({ where: file, what: 'a command bound to a dynamic consistency boundary: Stormsmith commands target an aggregate; imported without one', fate: 'approximated' });
        const actors = Array.isArray(doc.actors) ? doc.actors.map(String) : [];
        if (actors.length > 1) notes.push({ where: file, what: `more than one actor (${actors.join(', ')}): Stormsmith keeps the first`, fate: 'dropped' });
        const cmd = withDesc({
          kind: 'command' as const,
          name: nameOf(kind, bc, n),
          context: c.name,
          loc: { ...LOC, file: c.file },
          aggregate: ref('aggregate', bc, String(scope.aggregate ?? scope.dynamicConsistencyBoundary ?? 'unknown'), bc),
          fields: fieldsOf(doc.data, valueObjectsOf(bc), c.file, schemaFieldsOf(a), describedOf(a)),
          emits: (Array.isArray(doc.publishes) ? doc.publishes : []).map((e) => ref('event', bc, String(e), bc)),
          rejects: a.rejects ? (JSON.parse(a.rejects) as string[]).map((r) => ({ name: r, loc: { ...LOC, file: c.file } })) : [],
        });
        if (actors[0]) Object.assign(cmd, { actor: ref('actor', bc, actors[0], bc) });
        if (a.creates === 'true' || a.creates === 'false') Object.assign(cmd, { creates: a.creates === 'true' });
        if (Array.isArray(doc.constraints) && doc.constraints.length) notes.push({ where: file, what: 'command constraints (prose rules on publishing)', fate: 'dropped' });
        c.commands.push(cmd);
        break;
      }
      case 'event': {
        const bc = String(scope.boundedContext);
        const c = contextFor(bc);
        const ev = withDesc({
          kind: 'event' as const,
          name: nameOf(kind, bc, n),
          context: c.name,
          loc: { ...LOC, file: c.file },
          version: a.version ? Number(a.version) : 1,
          fields: fieldsOf(doc.data, valueObjectsOf(bc), c.file, schemaFieldsOf(a), describedOf(a)),
          published: a.published === 'true',
          previousVersions: a.previousVersions ? withLoc(JSON.parse(a.previousVersions), c.file) : [],
          reserved: a.reserved ? (JSON.parse(a.reserved) as string[]) : [],
        });
        if (scope.aggregate !== undefined) Object.assign(ev, { aggregate: ref('aggregate', bc, String(scope.aggregate), bc) });
        if (a.source) Object.assign(ev, { source: { name: a.source, loc: { ...LOC, file: c.file } } });
        if (a.retired === 'true' || a.retired === 'false') Object.assign(ev, { retired: a.retired === 'true' });
        if (a.formerly) Object.assign(ev, { formerly: namesFrom(a.formerly, c.file) });
        c.events.push(ev as never);
        break;
      }
      case 'policy': {
        const handles = (Array.isArray(doc.handles) ? doc.handles : []).filter(isObject);
        const emits = (Array.isArray(doc.emits) ? doc.emits : []).filter(isObject);
        const home = a.context ? [...contexts.entries()].find(([, c]) => c.name === a.context)?.[0] : undefined;
        const bc = home ?? String(emits[0]?.boundedContext ?? handles[0]?.boundedContext ?? 'unknown');
        const c = contextFor(bc);
        const policy: Policy = withDesc({ kind: 'policy' as const, name: nameOf(kind, undefined, n), context: c.name, loc: { ...LOC, file: c.file }, on: handles.map((h) => ref('event', String(h.boundedContext), String(h.event), bc)), issues: emits.map((e) => ref('command', String(e.boundedContext), String(e.command), bc)) });
        if (a.reads) policy.reads = namesFrom(a.reads, c.file);
        if (a.with) {
          const sources = Object.entries(JSON.parse(a.with) as Record<string, string>).flatMap(([field, text]) => {
            const source = typeof text === 'string' ? parseFieldSource(text) : undefined;
            return source ? [{ field, source, loc: { ...LOC, file: c.file } }] : [];
          });
          if (sources.length > 0) policy.with = sources;
        }
        c.policies.push(policy);
        break;
      }
      case 'read-model': {
        const bc = String(scope.boundedContext);
        const c = contextFor(bc);
        const entries = (Array.isArray(doc.projections) ? doc.projections : []).filter(isObject).map((p): Record<string, JsonValue | undefined> => (isObject(p.event) ? { ...p.event, rule: p.rule } : p));
        const p = withDesc({ kind: 'projection' as const, name: nameOf(kind, bc, n), context: c.name, loc: { ...LOC, file: c.file }, from: entries.map((e) => ref('event', String(e.boundedContext), String(e.event), bc)), key: a.key ?? 'id', fields: fieldsOf(doc.schema, valueObjectsOf(bc), c.file, schemaFieldsOf(a), describedOf(a)), consistency: (a.consistency === 'strong' ? 'strong' : 'eventual') as 'strong' | 'eventual' });
        if (!a.key) notes.push({ where: file, what: 'no projection key: ESDM read models have none; "id" assumed', fate: 'approximated' });
        if (a.lagTarget) Object.assign(p, { lagTarget: a.lagTarget });
        if (a.version) Object.assign(p, { version: Number(a.version) });
        c.projections.push(p);
        break;
      }
      case 'actor': {
        const bc = String(scope.boundedContext);
        const c = contextFor(bc);
        const actor: Actor = withDesc({ kind: 'actor' as const, name: nameOf(kind, bc, n), context: c.name, loc: { ...LOC, file: c.file } });
        if (a.reads) actor.reads = namesFrom(a.reads, c.file);
        c.actors.push(actor);
        break;
      }
      case 'external-system': {
        const home = a.context ? [...contexts.entries()].find(([, c]) => c.name === a.context)?.[0] : undefined;
        if (!home) {
          notes.push({ where: file, what: 'an external system without a Stormsmith context: not imported (ESDM scopes it to the domain)', fate: 'dropped' });
          break;
        }
        const c = contextFor(home);
        const system: ExternalSystem = withDesc({ kind: 'externalSystem' as const, name: nameOf(kind, undefined, n), context: c.name, loc: { ...LOC, file: c.file }, emits: a.emits ? (JSON.parse(a.emits) as string[]).map((e) => ({ name: e, loc: { ...LOC, file: c.file } })) : [] });
        if (a.consumes) system.consumes = namesFrom(a.consumes, c.file);
        c.externalSystems.push(system);
        break;
      }
      default:
        notes.push({ where: file, what: `ESDM kind "${kind}" has no Stormsmith counterpart`, fate: 'dropped' });
    }
  }
  const layouts = new Map<string, Layout>();
  for (const c of contexts.values()) layouts.set(c.file, gridLayout(c));
  return { contexts: [...contexts.values()], layouts, notes };
}

/** A readable first layout: one column per kind, in the event-storming reading order. */
function gridLayout(c: BoundedContext): Layout {
  const columns = [c.actors, c.externalSystems, c.commands, c.aggregates, c.events, c.policies, c.projections, c.valueObjects];
  const positions: Layout['positions'] = {};
  columns.forEach((elements, x) => elements.forEach((e, y) => (positions[e.name] = { x: 40 + x * 220, y: 40 + y * 140 })));
  return { positions };
}
