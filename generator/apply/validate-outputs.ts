// Every file about to be written is checked first, so that a generator bug never lands a
// half-broken tree: TypeScript/JavaScript must parse (ts-morph's bundled compiler, syntax only),
// JSON must parse, and JSON Schemas must compile with ajv (local $refs resolved among the planned
// schemas, never from disk or network). Heavy modules are imported only when there is something
// to check, so a no-op run never pays for them.

import type { ApplyProblem } from './types.js';

export interface OutputToCheck {
  path: string;
  contents: string;
}

const TS_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

const isSchema = (path: string, value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && (path.endsWith('.schema.json') || '$schema' in value);

/** Line and column (1-based) of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

async function checkTypeScript(files: OutputToCheck[]): Promise<ApplyProblem[]> {
  if (files.length === 0) return [];
  const { ts } = await import('ts-morph');
  const problems: ApplyProblem[] = [];
  for (const file of files) {
    const kind = /\.(tsx|jsx)$/.test(file.path) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/.test(file.path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.Latest, false, kind);
    // parseDiagnostics is the parser's own list (syntax only); it is not in the public typings.
    const diagnostics = (source as unknown as { parseDiagnostics: { start?: number; messageText: string | { messageText: string } }[] }).parseDiagnostics;
    const first = diagnostics[0];
    if (first) {
      const message = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText;
      problems.push({
        code: 'E_OUTPUT_INVALID',
        path: file.path,
        ...lineCol(file.contents, first.start ?? 0),
        message: `planned file does not parse as TypeScript: ${message}`,
        hint: 'this is a generator bug; nothing was written',
      });
    }
  }
  return problems;
}

async function checkJson(files: OutputToCheck[], compileSchemas: boolean): Promise<ApplyProblem[]> {
  const problems: ApplyProblem[] = [];
  const schemas: { path: string; schema: Record<string, unknown> }[] = [];
  for (const file of files) {
    try {
      const value: unknown = JSON.parse(file.contents);
      if (compileSchemas && isSchema(file.path, value)) schemas.push({ path: file.path, schema: value });
    } catch (error) {
      problems.push({ code: 'E_OUTPUT_INVALID', path: file.path, message: `planned file is not valid JSON: ${(error as Error).message}`, hint: 'this is a generator bug; nothing was written' });
    }
  }
  if (schemas.length === 0) return problems;
  // strict: false lets annotation keywords (x-unit, ...) through; structure is still checked
  // against the meta-schema, and compile() resolves every $ref. Draft-07 schemas get their own
  // validator; each is built only when needed (building one costs ~100 ms).
  const options = { strict: false, allErrors: false, validateSchema: true } as const;
  const { default: addFormats } = await import('ajv-formats');
  const isDraft07 = (schema: Record<string, unknown>) => typeof schema.$schema === 'string' && /draft-0[4-7]/.test(schema.$schema);
  const ajv2020 = schemas.some((s) => !isDraft07(s.schema)) ? addFormats(new (await import('ajv/dist/2020.js')).Ajv2020(options)) : undefined;
  const ajv07 = schemas.some((s) => isDraft07(s.schema)) ? addFormats(new (await import('ajv')).default(options)) : undefined;
  const pick = (schema: Record<string, unknown>) => (isDraft07(schema) ? ajv07! : ajv2020!);
  const added: { path: string; key: string; ajv: NonNullable<typeof ajv2020> | NonNullable<typeof ajv07> }[] = [];
  for (const { path, schema } of schemas) {
    const ajv = pick(schema);
    const key = typeof schema.$id === 'string' ? schema.$id : path;
    try {
      ajv.addSchema(schema, typeof schema.$id === 'string' ? undefined : key);
      added.push({ path, key, ajv });
    } catch (error) {
      problems.push({ code: 'E_OUTPUT_INVALID', path, message: `planned JSON Schema is invalid: ${(error as Error).message}`, hint: 'this is a generator bug; nothing was written' });
    }
  }
  for (const { path, key, ajv } of added) {
    try {
      ajv.getSchema(key);
    } catch (error) {
      problems.push({ code: 'E_OUTPUT_INVALID', path, message: `planned JSON Schema does not compile: ${(error as Error).message}`, hint: 'this is a generator bug; nothing was written' });
    }
  }
  return problems;
}

/**
 * Problems with the planned contents of `files` (empty when all are well-formed). `json` checks
 * only that JSON parses: it loads neither the TypeScript parser (0.5-0.8 s on its own) nor ajv.
 */
export async function validateOutputs(files: OutputToCheck[], depth: 'full' | 'json' = 'full'): Promise<ApplyProblem[]> {
  const ts = depth === 'full' ? files.filter((f) => TS_EXTENSIONS.test(f.path)) : [];
  const json = files.filter((f) => f.path.endsWith('.json'));
  const [a, b] = await Promise.all([checkTypeScript(ts), checkJson(json, depth === 'full')]);
  return [...a, ...b].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
