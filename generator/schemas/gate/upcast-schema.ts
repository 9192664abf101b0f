// What a declarative upcast does to a schema, so that the gate can compare "version N after
// its upcast" with version N+1. The generated upcaster (generator/emit/evolution/) builds the
// next version's object field by field: a field takes the value of its renamed source (or of
// the same name), else the declared default; fields the next version does not have are dropped.
// The transformed schema says exactly that.

import type { JsonValue, Upcast } from '../../model/types.js';
import { isObject, resolvePointer } from '../compat/walk.js';
import type { JsonSchema } from '../json-schema.js';

/** Replaces local `$ref`s by their targets (event schemas have no recursive value objects). */
export function inlineRefs(schema: JsonSchema, root: JsonSchema = schema, depth = 0): JsonSchema {
  if (depth > 64) throw new Error('schema nests too deeply (recursive $ref?)');
  const visit = (v: JsonValue): JsonValue => {
    if (Array.isArray(v)) return v.map(visit);
    if (!isObject(v)) return v;
    if (typeof v.$ref === 'string') {
      const target = resolvePointer(root, v.$ref);
      const { $ref: _r, ...siblings } = v;
      if (isObject(target)) return { ...inlineRefs(target, root, depth + 1), ...visit(siblings) as JsonSchema };
      return v;
    }
    const out: JsonSchema = {};
    for (const [k, child] of Object.entries(v)) if (k !== '$defs') out[k] = visit(child);
    return out;
  };
  return visit(schema) as JsonSchema;
}

const propsOf = (s: JsonSchema): Record<string, JsonValue> => (isObject(s.properties) ? s.properties : {});
const requiredOf = (s: JsonSchema): string[] => (Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);

/**
 * The schema of `from`'s data after a declarative upcast towards `to` (both with refs
 * inlined). Returns undefined for a custom upcast: user code decides, the gate cannot.
 */
export function upcastSchema(from: JsonSchema, to: JsonSchema, upcast: Upcast): JsonSchema | undefined {
  if (upcast.kind === 'custom') return undefined;
  const fromProps = propsOf(from);
  const fromRequired = new Set(requiredOf(from));
  // renames: { oldName: newName } -> source of each new name.
  const sourceOf = new Map<string, string>();
  for (const [oldName, newName] of Object.entries(upcast.renames)) sourceOf.set(newName, oldName);
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const [name, target] of Object.entries(propsOf(to))) {
    const source = sourceOf.get(name) ?? name;
    const hasDefault = Object.hasOwn(upcast.defaults, name);
    if (source in fromProps) {
      // A value that was there keeps its old shape; a default only fills a missing one (and
      // the gate checks separately that the default fits the new field: UPCAST_DEFAULT_INVALID).
      properties[name] = fromProps[source]!;
      if (fromRequired.has(source) || hasDefault) required.push(name);
    } else if (hasDefault) {
      properties[name] = target;
      required.push(name);
    }
  }
  return { type: 'object', properties, required, additionalProperties: false };
}
