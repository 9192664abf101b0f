// Model -> JSON Schema (draft 2020-12) for event and command payloads.
//
// One function family used by the generator (schemas written into the user's project), by the
// schema registry (released versions) and by the compatibility gate. Pure: no fs, no process.
//
// Decisions (see docs/schema-evolution.md):
// - Objects are closed (`additionalProperties: false`): adding an optional field stays
//   BACKWARD compatible, and a producer cannot smuggle unknown keys into stored events.
// - `required` lists the non-optional fields in model order.
// - Value objects are emitted once under `$defs` and referenced with local `#/$defs/<Name>`
//   refs (no remote refs), or inlined with `{ valueObjects: 'inline' }`.
// - `money` is an object `{ amount, currency }`: `amount` is an integer in minor units (cents)
//   so no binary floating point ever touches a stored amount, `currency` an ISO 4217 code.
// - A field's `unit` annotation is kept as the `x-unit` keyword so that the gate can flag a
//   change of meaning (cents -> euros) that no structural diff sees. Validators in strict mode
//   must be told about it: `ajv.addKeyword(...)` each of SCHEMA_ANNOTATION_KEYWORDS, or pass
//   `{ annotations: false }` to leave it out.
// - Keys are written in one fixed order so that the output (and its hash) is byte-stable.

import type { Command, Event, Field, FieldConstraints, JsonValue, Model, PrimitiveTypeName, TypeRef, ValueObject } from '../model/types.js';

export type JsonSchema = { [key: string]: JsonValue };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Non-standard keywords this module may write (register them with a strict validator). */
export const SCHEMA_ANNOTATION_KEYWORDS: readonly string[] = ['x-unit'];

export interface JsonSchemaOptions {
  /** `defs` (default): value objects under `$defs` with local refs; `inline`: expanded in place. */
  valueObjects?: 'defs' | 'inline';
  /** Write `x-unit` annotations (default true). */
  annotations?: boolean;
  /** Write the `$schema` dialect keyword at the root (default true). */
  dialect?: boolean;
}

/** Raised for a model the validator should have rejected (unknown value object, recursion). */
export class SchemaBuildError extends Error {
  constructor(
    message: string,
    readonly field?: Field,
  ) {
    super(message);
    this.name = 'SchemaBuildError';
  }
}

/** The money representation (minor units + ISO 4217 currency), see the header. */
export const MONEY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    amount: { type: 'integer', description: 'Amount in minor units of the currency (e.g. cents).' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' },
  },
  required: ['amount', 'currency'],
  additionalProperties: false,
};

const PRIMITIVE_SCHEMAS: Record<PrimitiveTypeName, () => JsonSchema> = {
  string: () => ({ type: 'string' }),
  int: () => ({ type: 'integer' }),
  number: () => ({ type: 'number' }),
  boolean: () => ({ type: 'boolean' }),
  uuid: () => ({ type: 'string', format: 'uuid' }),
  date: () => ({ type: 'string', format: 'date' }),
  datetime: () => ({ type: 'string', format: 'date-time' }),
  money: () => structuredClone(MONEY_SCHEMA),
  email: () => ({ type: 'string', format: 'email' }),
  url: () => ({ type: 'string', format: 'uri' }),
  json: () => ({}),
};

/** Where value objects are looked up: the element's own context first, then every context. */
interface BuildContext {
  model: Model;
  contextName: string;
  options: Required<JsonSchemaOptions>;
  /** Value objects referenced so far (for `$defs`), by name. */
  defs: Map<string, JsonSchema>;
  /** Value objects currently being expanded (recursion guard). */
  expanding: string[];
}

function findValueObject(ctx: BuildContext, name: string): ValueObject | undefined {
  const own = ctx.model.contexts.find((c) => c.name === ctx.contextName);
  const local = own?.valueObjects.find((v) => v.name === name);
  if (local) return local;
  for (const c of ctx.model.contexts) {
    const found = c.valueObjects.find((v) => v.name === name);
    if (found) return found;
  }
  return undefined;
}

function typeToSchema(ctx: BuildContext, type: TypeRef, field?: Field): JsonSchema {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_SCHEMAS[type.name]();
    case 'array':
      return { type: 'array', items: typeToSchema(ctx, type.of, field) };
    case 'enum':
      return { type: 'string', enum: [...type.values] };
    case 'schema':
      return escapeHatchSchema(type.schema);
    case 'ref':
      return valueObjectSchema(ctx, type.name, field);
  }
}

/** A verbatim schema; boolean schemas become their object equivalents so annotations fit. */
function escapeHatchSchema(schema: JsonValue): JsonSchema {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new SchemaBuildError(`a "schema" type must be a JSON Schema object, got ${JSON.stringify(schema)}`);
  }
  return structuredClone(schema);
}

function valueObjectSchema(ctx: BuildContext, name: string, field?: Field): JsonSchema {
  const vo = findValueObject(ctx, name);
  if (!vo) throw new SchemaBuildError(`unknown value object "${name}"`, field);
  if (ctx.expanding.includes(name)) {
    throw new SchemaBuildError(`value object "${name}" contains itself (${[...ctx.expanding, name].join(' -> ')})`, field);
  }
  if (ctx.options.valueObjects === 'defs' && ctx.defs.has(name)) return { $ref: `#/$defs/${name}` };
  ctx.expanding.push(name);
  const body: JsonSchema = { title: name };
  if (vo.description !== undefined) body.description = vo.description;
  Object.assign(body, objectSchema(ctx, vo.fields));
  ctx.expanding.pop();
  if (ctx.options.valueObjects === 'inline') return body;
  ctx.defs.set(name, body);
  return { $ref: `#/$defs/${name}` };
}

function fieldSchema(ctx: BuildContext, field: Field): JsonSchema {
  const base = withConstraints(typeToSchema(ctx, field.type, field), field.type, field.constraints);
  // Annotations after the type keywords, in a fixed order.
  const description = fieldDescription(field);
  if (description !== undefined) base.description = description;
  if (field.default !== undefined) base.default = structuredClone(field.default);
  if (field.unit !== undefined && ctx.options.annotations) base['x-unit'] = field.unit;
  if (field.deprecated !== undefined) base.deprecated = true;
  return base;
}

/**
 * The description a field's schema carries: a deprecation reason (JSON Schema's `deprecated` is a
 * boolean) is its last paragraph, so it reaches every reader of descriptions (TypeScript JSDoc,
 * OpenAPI, AsyncAPI, EventCatalog).
 */
export function fieldDescription(field: Field): string | undefined {
  if (typeof field.deprecated !== 'string') return field.description;
  const reason = `Deprecated: ${field.deprecated}`;
  return field.description === undefined ? reason : `${field.description}\n\n${reason}`;
}

/**
 * `schema` with a field's constraints as JSON Schema keywords: number bounds on numbers (on the
 * amount of `money`), lengths and pattern on strings, item counts on lists (the other
 * constraints then apply to each item). The validator refuses a constraint that does not fit
 * its type (E_FIELD_CONSTRAINT); here such a one is left out.
 */
function withConstraints(schema: JsonSchema, type: TypeRef, c: FieldConstraints | undefined): JsonSchema {
  if (!c) return schema;
  if (type.kind === 'array') {
    const { minItems, maxItems, ...each } = c;
    const items = isJsonObject(schema.items) ? withConstraints(structuredClone(schema.items), type.of, Object.keys(each).length ? each : undefined) : schema.items;
    const out: JsonSchema = { ...schema, ...(items !== undefined ? { items } : {}) };
    if (minItems !== undefined) out.minItems = minItems;
    if (maxItems !== undefined) out.maxItems = maxItems;
    return out;
  }
  if (type.kind !== 'primitive') return schema;
  const bounds = (target: JsonSchema): JsonSchema => {
    if (c.min !== undefined) target.minimum = c.min;
    if (c.positive) target.exclusiveMinimum = 0;
    if (c.max !== undefined) target.maximum = c.max;
    return target;
  };
  switch (type.name) {
    case 'int':
    case 'number':
      return bounds({ ...schema });
    case 'money': {
      const money = structuredClone(schema);
      const properties = money.properties as { [k: string]: JsonSchema };
      properties.amount = bounds({ ...properties.amount! });
      return money;
    }
    // `email` and `url` take the string constraints too (docs/model-format.md), beside their format.
    case 'string':
    case 'email':
    case 'url': {
      const out: JsonSchema = { ...schema };
      if (c.minLength !== undefined) out.minLength = c.minLength;
      if (c.maxLength !== undefined) out.maxLength = c.maxLength;
      if (c.pattern !== undefined) out.pattern = c.pattern;
      return out;
    }
    default:
      return schema;
  }
}

const isJsonObject = (v: JsonValue | undefined): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

function objectSchema(ctx: BuildContext, fields: readonly Field[]): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const field of fields) {
    properties[field.name] = fieldSchema(ctx, field);
    if (!field.optional) required.push(field.name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function normaliseOptions(options: JsonSchemaOptions = {}): Required<JsonSchemaOptions> {
  return {
    valueObjects: options.valueObjects ?? 'defs',
    annotations: options.annotations ?? true,
    dialect: options.dialect ?? true,
  };
}

function rootSchema(ctx: BuildContext, title: string, description: string | undefined, fields: readonly Field[]): JsonSchema {
  const root: JsonSchema = {};
  if (ctx.options.dialect) root.$schema = JSON_SCHEMA_DIALECT;
  root.title = title;
  if (description !== undefined) root.description = description;
  Object.assign(root, objectSchema(ctx, fields));
  if (ctx.defs.size > 0) {
    const defs: JsonSchema = {};
    for (const name of [...ctx.defs.keys()].sort()) defs[name] = ctx.defs.get(name)!;
    root.$defs = defs;
  }
  return root;
}

/**
 * The schema of an object made of `fields` (no `$schema`, no title). Value objects resolve in
 * `contextName` first; with `defs` they land in the returned `$defs`.
 */
export function fieldsToJsonSchema(model: Model, contextName: string, fields: readonly Field[], options?: JsonSchemaOptions): JsonSchema {
  const ctx: BuildContext = { model, contextName, options: normaliseOptions(options), defs: new Map(), expanding: [] };
  const schema = objectSchema(ctx, fields);
  if (ctx.defs.size > 0) {
    const defs: JsonSchema = {};
    for (const name of [...ctx.defs.keys()].sort()) defs[name] = ctx.defs.get(name)!;
    schema.$defs = defs;
  }
  return schema;
}

/** The fields of `event` at `version` (the current one when omitted). */
export function eventFieldsAt(event: Event, version: number = event.version): readonly Field[] {
  if (version === event.version) return event.fields;
  const previous = event.previousVersions.find((v) => v.version === version);
  if (!previous) {
    const known = [...event.previousVersions.map((v) => v.version), event.version].join(', ');
    throw new SchemaBuildError(`event "${event.name}" has no version ${version} (known: ${known})`);
  }
  return previous.fields;
}

/** JSON Schema of an event's data at its current version, or at a previous one. */
export function eventJsonSchema(model: Model, event: Event, version?: number, options?: JsonSchemaOptions): JsonSchema {
  const ctx: BuildContext = { model, contextName: event.context, options: normaliseOptions(options), defs: new Map(), expanding: [] };
  return rootSchema(ctx, event.name, event.description, eventFieldsAt(event, version));
}

/** JSON Schema of a command's data. */
export function commandJsonSchema(model: Model, command: Command, options?: JsonSchemaOptions): JsonSchema {
  const ctx: BuildContext = { model, contextName: command.context, options: normaliseOptions(options), defs: new Map(), expanding: [] };
  return rootSchema(ctx, command.name, command.description, command.fields);
}

/**
 * Canonical JSON text of a schema: keys in insertion order (which this module fixes), two-space
 * indent, trailing newline. The registry hashes exactly this text.
 */
export function schemaToJson(schema: JsonValue): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
