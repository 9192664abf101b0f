// Model -> YAML text. With the previous text of the file, only what changed is rewritten
// (see serialize/patch.ts); without it, the file is written in canonical form.
//
// Text conventions are kept from the previous text: a UTF-8 BOM and CRLF line endings survive
// a save. Output always ends with a newline.

import { loadContextFile } from './load.js';
import { canonicalLines } from './serialize/canonical.js';
import { firstDifference, sameContext } from './serialize/compare.js';
import { patchContext } from './serialize/patch.js';
import type { BoundedContext, Diagnostic } from './types.js';

export { parseLayout, serializeLayout } from './layout.js';

const BOM = '\uFEFF';

interface TextStyle {
  bom: boolean;
  crlf: boolean;
}

function styleOf(text: string | undefined): TextStyle {
  if (text === undefined) return { bom: false, crlf: false };
  return { bom: text.startsWith(BOM), crlf: /\r\n/.test(text) };
}

function join(lines: string[], style: TextStyle): string {
  const eol = style.crlf ? '\r\n' : '\n';
  const body = lines.map((l) => l.replace(/\r$/, '')).join(eol);
  return `${style.bom ? BOM : ''}${body}${eol}`;
}

/** Comment lines at the very top of a file (modeline, title): kept even by a full rewrite. */
function leadingComments(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*#/.test(line)) out.push(line);
    else if (line.trim() === '' && out.length > 0) out.push(line);
    else break;
  }
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}

/** Does `text` load back to the same context? */
function roundTrips(ctx: BoundedContext, text: string): boolean {
  const loaded = loadContextFile({ path: ctx.file, text }, { maxBytes: Number.POSITIVE_INFINITY });
  return loaded.context !== undefined && !loaded.diagnostics.some((d) => d.severity === 'error') && sameContext(loaded.context, ctx);
}

/**
 * Writes a bounded context as YAML. With `previousText`, unchanged elements keep their exact
 * lines; if patching is impossible or would not read back as `ctx`, the file is rewritten in
 * canonical form (keeping its top comments).
 */
export function serializeContext(ctx: BoundedContext, previousText?: string): string {
  const style = styleOf(previousText);
  if (previousText !== undefined) {
    const text = style.bom ? previousText.slice(1) : previousText;
    const patched = patchContext(ctx, text.replace(/\r\n/g, '\n'));
    if (patched) {
      while (patched.length > 0 && patched[patched.length - 1] === '') patched.pop();
      const out = join(patched, style);
      if (roundTrips(ctx, out)) return out;
    }
    const comments = leadingComments(text.split(/\r?\n/));
    return join([...comments, ...canonicalLines(ctx)], style);
  }
  return join(canonicalLines(ctx), style);
}

export type SerializeResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The write self-check (hardening.md C6.67): serialize, parse what would be written, and compare
 * with the model. On a mismatch nothing should be written: E_SERIALIZATION_MISMATCH instead of text.
 */
export function serializeChecked(ctx: BoundedContext, previousText?: string): SerializeResult {
  let text: string;
  try {
    text = serializeContext(ctx, previousText);
  } catch (error) {
    return { ok: false, diagnostics: [mismatch(ctx, `the serializer failed: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const loaded = loadContextFile({ path: ctx.file, text }, { maxBytes: Number.POSITIVE_INFINITY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.context || errors.length > 0) {
    const first = errors[0];
    return { ok: false, diagnostics: [mismatch(ctx, `the text to write does not load${first ? `: ${first.code} ${first.message}` : ''}`)] };
  }
  if (!sameContext(loaded.context, ctx)) {
    return { ok: false, diagnostics: [mismatch(ctx, `the text to write reads back differently at ${firstDifference(ctx, loaded.context)}`)] };
  }
  return { ok: true, text };
}

function mismatch(ctx: BoundedContext, message: string): Diagnostic {
  return {
    code: 'E_SERIALIZATION_MISMATCH',
    severity: 'error',
    file: ctx.file,
    line: 1,
    col: 1,
    message: `not saved: ${message}`,
    hint: 'the file on disk was left unchanged; this is a bug in stormsmith or an invalid model value, please report it',
  };
}
