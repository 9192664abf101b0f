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

/** Structural errors of `text` as `code message` strings (positions move when lines change). */
function errorKeys(file: string, text: string | undefined): string[] {
  if (text === undefined) return [];
  const loaded = loadContextFile({ path: file, text }, { maxBytes: Number.POSITIVE_INFINITY });
  return loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
}

/** Errors of `after` that `before` did not have (as a multiset). */
function newErrors(after: string[], before: string[]): string[] {
  const left = new Map<string, number>();
  for (const key of before) left.set(key, (left.get(key) ?? 0) + 1);
  return after.filter((key) => {
    const n = left.get(key) ?? 0;
    if (n === 0) return true;
    left.set(key, n - 1);
    return false;
  });
}

type ReadBack = { ok: true } | { ok: false; why: string };

/**
 * Does `text` read back as `ctx`, without structural errors other than those the previous text
 * already had (a hand-written problem the canvas did not touch is kept, not silently dropped)?
 */
function readsBack(ctx: BoundedContext, text: string, previousText: string | undefined): ReadBack {
  const loaded = loadContextFile({ path: ctx.file, text }, { maxBytes: Number.POSITIVE_INFINITY });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  // The previous text is only loaded again when there is something to compare.
  const added = errors.length === 0 ? [] : newErrors(errors, errorKeys(ctx.file, previousText));
  if (added.length > 0) return { ok: false, why: `the text to write does not load: ${added[0]}` };
  if (!loaded.context) return { ok: false, why: 'the text to write does not load' };
  if (!sameContext(loaded.context, ctx)) return { ok: false, why: `the text to write reads back differently at ${firstDifference(ctx, loaded.context)}` };
  return { ok: true };
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
    // Key by key inside changed elements first (keeps their comments and unknown keys), then
    // whole elements, then the whole file: the first text that reads back as `ctx` wins.
    for (const deep of [true, false]) {
      let patched: string[] | undefined;
      try {
        patched = patchContext(ctx, text.replace(/\r\n/g, '\n'), { deep });
      } catch {
        // Never fail a save because the old text was odd: write the file whole instead.
        patched = undefined;
      }
      if (!patched) continue;
      while (patched.length > 0 && patched[patched.length - 1] === '') patched.pop();
      const out = join(patched, style);
      if (readsBack(ctx, out, previousText).ok) return out;
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
 * Structural errors already present in `previousText` (and kept by the patch) do not count.
 */
export function serializeChecked(ctx: BoundedContext, previousText?: string): SerializeResult {
  let text: string;
  try {
    text = serializeContext(ctx, previousText);
  } catch (error) {
    return { ok: false, diagnostics: [mismatch(ctx, `the serializer failed: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const check = readsBack(ctx, text, previousText);
  if (!check.ok) return { ok: false, diagnostics: [mismatch(ctx, check.why)] };
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
