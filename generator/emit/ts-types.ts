// JSON Schema -> TypeScript declarations.
//
// json-schema-to-typescript is the reference converter (it is the one that understands the
// whole of JSON Schema). It costs about 1.3 ms per schema even without prettier, which is
// seconds for a large model, so the flat subset our short-form field types produce (objects of
// primitives, string enums, arrays and local `$ref`s) goes through `flatInterface`, whose output
// is byte-identical to the reference on that subset (test/generator/ts-types.test.ts proves it
// on a corpus). Anything outside the subset, e.g. a field written as a full JSON Schema, goes to
// the reference, memoised by the schema text. Both outputs then get the same indentation pass,
// so the generated code never depends on the target repo's formatter.

import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { JsonValue } from '../model/types.js';
import type { JsonSchema } from '../schemas/json-schema.js';
import { blockCommentSafe } from './code.js';

const COMPILE_OPTIONS = {
  format: false,
  bannerComment: '',
  // A list's item count (minItems/maxItems, e.g. a field's `minItems: 1`) is checked by JSON
  // Schema validation where data enters; the type stays \`T[]\` (no tuple unions), so domain code
  // builds lists with map and filter (docs/adr/0092).
  ignoreMinAndMaxItems: true,
  // Value objects are declared once in their own module and imported where used.
  declareExternallyReferenced: false,
  // Never read a `$ref` from disk or network: our schemas only use local `#/$defs/...` pointers.
  $refOptions: { resolve: { file: false, http: false, external: false } },
} as const;

const referenceCache = new Map<string, Promise<string>>();

/** Forget memoised reference conversions (benchmarks measure cold runs). */
export function clearTypeCache(): void {
  referenceCache.clear();
}

/** The schema with its root title replaced by `typeName` (json-schema-to-typescript names the root by its title). */
function named(schema: JsonSchema, typeName: string): JsonSchema {
  const { title: _title, $schema: _draft, $id: _id, ...rest } = schema;
  return { title: typeName, ...rest };
}

/**
 * The schema with every local `#/$defs/<Name>` pointer (whose definition is titled `<Name>`, as
 * ours are) written as json-schema-to-typescript's `tsType: <Name>`. Left as `$ref`s, a pointer
 * with annotations beside it (a value-object field's description or `deprecated`) is dereferenced
 * into a new type titled like the definition, so the plain pointers to the same definition came
 * out as `<Name>1`, a type no module declares (found by the valid-model arbitrary, issue 17a), and
 * the annotated field lost its JSDoc. Value objects are declared in their own module either way.
 */
function localRefsAsTypes(schema: JsonSchema): JsonSchema {
  const defs = isObject(schema.$defs) ? schema.$defs : undefined;
  if (!defs) return schema;
  const walk = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v);
    const match = typeof value.$ref === 'string' ? /^#\/\$defs\/([A-Za-z][A-Za-z0-9]*)$/.exec(value.$ref) : null;
    const target = match ? defs[match[1]!] : undefined;
    if (match && isObject(target) && target.title === match[1]) {
      delete out.$ref;
      out.tsType = match[1]!;
    }
    return out;
  };
  const { $defs: _defs, ...rest } = schema;
  return { ...(walk(rest as JsonValue) as JsonSchema), $defs: defs };
}

/** json-schema-to-typescript's raw output (no formatting), memoised by schema text. */
export function referenceInterface(schema: JsonSchema, typeName: string): Promise<string> {
  const input = named(localRefsAsTypes(schema), typeName);
  const key = JSON.stringify(input);
  let pending = referenceCache.get(key);
  if (!pending) {
    pending = compile(structuredClone(input) as JSONSchema, typeName, COMPILE_OPTIONS as never);
    referenceCache.set(key, pending);
  }
  return pending;
}

// ---------------------------------------------------------------------------------------------
// The flat subset

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Value constraints (minimum, lengths, ...) leave the type as it is; `deprecated` adds a tag.
const SIMPLE_KEYS = new Set(['type', 'format', 'pattern', 'description', 'default', 'title', 'x-unit', 'deprecated', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'maxLength']);
const OBJECT_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties', 'description', 'x-unit', 'deprecated']);

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A JSDoc block the way json-schema-to-typescript prints it, or undefined outside the subset. */
function jsdoc(description: JsonValue | undefined, deprecated?: JsonValue): string | undefined {
  if (deprecated !== undefined && deprecated !== true) return undefined;
  const tag = deprecated === true ? ' * @deprecated\n' : '';
  if (description === undefined) return tag === '' ? '' : `/**\n${tag} */\n`;
  if (typeof description !== 'string' || description === '' || /[\r\u2028\u2029]/.test(description)) return undefined;
  const lines = blockCommentSafe(description).split('\n');
  return `/**\n${tag}${lines.map((line) => ` * ${line}`).join('\n')}\n */\n`;
}

/** The TypeScript type of a property schema, or undefined outside the subset. */
function flatType(schema: JsonValue, defs: { [key: string]: JsonValue } | undefined): string | undefined {
  if (!isObject(schema)) return undefined;
  const keys = Object.keys(schema);
  if (keys.length === 0) return 'unknown';
  if (typeof schema.$ref === 'string') {
    if (keys.length !== 1) return undefined;
    const match = /^#\/\$defs\/([A-Za-z][A-Za-z0-9]*)$/.exec(schema.$ref);
    const target = match ? defs?.[match[1]!] : undefined;
    // The reference names the type by the definition's title, which we set to the key.
    return match && isObject(target) && target.title === match[1] ? match[1] : undefined;
  }
  if (Array.isArray(schema.enum)) {
    const values = schema.enum;
    if (schema.type !== 'string' || keys.some((k) => k !== 'type' && k !== 'enum' && !SIMPLE_KEYS.has(k))) return undefined;
    if (values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
    if (new Set(values).size !== values.length) return undefined;
    const literals = values.map((v) => JSON.stringify(v));
    return literals.length === 1 ? literals[0] : `(${literals.join(' | ')})`;
  }
  if (schema.type === 'object') {
    if (keys.some((k) => !OBJECT_KEYS.has(k)) || schema.additionalProperties !== false) return undefined;
    const body = flatBody(schema, defs);
    return body === undefined ? undefined : `{\n${body}}`;
  }
  if (schema.type === 'array') {
    if (keys.some((k) => k !== 'items' && !SIMPLE_KEYS.has(k)) || schema.items === undefined) return undefined;
    const item = flatType(schema.items, defs);
    if (item === undefined) return undefined;
    if (isObject(schema.items) && (schema.items.description !== undefined || schema.items.title !== undefined || schema.items.deprecated !== undefined)) return undefined;
    // A single enum literal is parenthesised as an array item (`("a")[]`), as the reference does.
    return item.startsWith('"') ? `(${item})[]` : `${item}[]`;
  }
  if (keys.some((k) => !SIMPLE_KEYS.has(k)) || schema.title !== undefined) return undefined;
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/** Members of a closed object, one per line, each ending with a newline (`\n` when empty). */
function flatBody(schema: { [key: string]: JsonValue }, defs: { [key: string]: JsonValue } | undefined): string | undefined {
  const properties = schema.properties ?? {};
  if (!isObject(properties)) return undefined;
  const required = schema.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string' && r in properties)) return undefined;
  const members: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (name === '__proto__') return undefined;
    const type = flatType(property, defs);
    if (type === undefined || !isObject(property)) return undefined;
    const doc = jsdoc(property.description, property.deprecated);
    if (doc === undefined) return undefined;
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    members.push(`${doc}${key}${required.includes(name) ? '' : '?'}: ${type}\n`);
  }
  return members.length === 0 ? '\n' : members.join('');
}

/**
 * The interface json-schema-to-typescript would print for a closed, flat object schema, or
 * undefined when the schema is outside the subset this function knows to be identical.
 */
export function flatInterface(schema: JsonSchema, typeName: string): string | undefined {
  const allowed = new Set(['$schema', '$id', 'title', 'description', 'type', 'additionalProperties', 'required', 'properties', '$defs']);
  if (Object.keys(schema).some((k) => !allowed.has(k))) return undefined;
  if (schema.type !== 'object' || schema.additionalProperties !== false || !IDENTIFIER.test(typeName)) return undefined;
  const defs = schema.$defs;
  if (defs !== undefined && !isObject(defs)) return undefined;
  const head = jsdoc(schema.description);
  if (head === undefined) return undefined;
  const body = flatBody(schema, defs);
  if (body === undefined) return undefined;
  return `${head}export interface ${typeName} {\n${body}}\n`;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Indents declarations by brace depth (two spaces); json-schema-to-typescript prints none. */
export function indentDeclarations(text: string): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const trimmed = line.trimStart();
    if (/^[}\])]/.test(trimmed)) depth = Math.max(0, depth - 1);
    if (trimmed === '') {
      // Empty interfaces print a blank line between the braces; drop it.
      continue;
    }
    const continuation = trimmed.startsWith('*') ? ' ' : '';
    out.push('  '.repeat(depth) + continuation + trimmed);
    if (/[{[(]$/.test(trimmed)) depth += 1;
  }
  return `${out.join('\n')}\n`;
}

/** Formatted TypeScript declaration(s) for `schema`, named `typeName`. */
export async function schemaToTypeScript(schema: JsonSchema, typeName: string): Promise<string> {
  const fast = flatInterface(named(schema, typeName), typeName);
  return indentDeclarations(fast ?? (await referenceInterface(schema, typeName)));
}
