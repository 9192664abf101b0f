// Checks a field's JSON Schema escape hatch with ajv (draft 2020-12, strict mode, so a typo such
// as `minLenght` is an error rather than a silently ignored keyword).
//
// ajv generates code with `new Function`. Where a Content-Security-Policy forbids that (the
// canvas renderer), the check is skipped: the CLI, the generator and CI run in Node, where it
// always runs, so a bad schema can never reach generated code.
import Ajv2020 from 'ajv/dist/2020.js';
import type { JsonValue } from '../types.js';

let ajv: Ajv2020 | undefined;

/** One problem with a schema, or undefined when it is valid (or cannot be checked here). */
export function jsonSchemaProblem(schema: JsonValue): string | undefined {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return 'a JSON Schema must be an object';
  }
  try {
    ajv ??= new Ajv2020({ strict: true, validateFormats: false, allErrors: false });
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
