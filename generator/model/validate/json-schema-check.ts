// Checks a field's JSON Schema escape hatch with ajv (draft 2020-12, strict mode, so a typo such
// as `minLenght` is an error rather than a silently ignored keyword).
//
// ajv generates code with `new Function`. Where a Content-Security-Policy forbids that (the
// canvas renderer), the check is skipped: the CLI, the generator and CI run in Node, where it
// always runs, so a bad schema can never reach generated code.
//
// ajv is loaded on first use, not imported: it costs ~0.1 s of start-up, and most models have no
// JSON Schema field, so `stormsmith validate` should not pay for it (docs/adr/0021). The rule is
// synchronous, so the load is a synchronous require through Node's built-in module loader; where
// there is none (a browser), the check is skipped as under a Content-Security-Policy.
import type Ajv2020 from 'ajv/dist/2020.js';
import type { JsonValue } from '../types.js';

let ajv: Ajv2020 | undefined;

type AjvClass = new (options: Record<string, unknown>) => Ajv2020;
function loadAjv(): AjvClass | undefined {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const mod = builtin?.('node:module') as { createRequire(from: string): (id: string) => unknown } | undefined;
  if (!mod) return undefined;
  const loaded = mod.createRequire(import.meta.url)('ajv/dist/2020.js') as { default?: AjvClass } & AjvClass;
  return loaded.default ?? loaded;
}

/** One problem with a schema, or undefined when it is valid (or cannot be checked here). */
export function jsonSchemaProblem(schema: JsonValue): string | undefined {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return 'a JSON Schema must be an object';
  }
  try {
    if (!ajv) {
      const Ajv = loadAjv();
      if (!Ajv) return undefined;
      ajv = new Ajv({ strict: true, validateFormats: false, allErrors: false });
    }
    if (!ajv.validateSchema(schema)) {
      const e = ajv.errors?.[0];
      return e ? `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` : 'invalid JSON Schema';
    }
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Why `value` does not satisfy `schema` (a field's `schema:` escape hatch), e.g. "/ must be >= 1",
 * or undefined when it does, when the schema itself is invalid (field-type reports that), or
 * where ajv cannot run (a browser under a Content-Security-Policy).
 */
export function jsonSchemaValueProblem(schema: JsonValue, value: JsonValue): string | undefined {
  if (jsonSchemaProblem(schema) !== undefined || !ajv) return undefined;
  try {
    const validate = ajv.compile(schema as object);
    if (validate(value)) return undefined;
    const e = validate.errors?.[0];
    return e ? `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` : 'does not match its schema';
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    return undefined;
  }
}
