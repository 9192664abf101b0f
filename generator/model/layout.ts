// Canvas layout sidecars: `lending.layout.yaml` holds the positions of the stickies of
// `lending.yaml`, so that moving a sticky never shows up as a domain change in a diff.
//
//   # Canvas positions for lending.yaml. Written by the Stormsmith canvas; safe to delete.
//   Loan: { x: 420, y: 120 }
//   BorrowBook: { x: 200, y: 120, w: 180, h: 90 }
//
// An empty layout file is a valid empty layout (the canvas may write one).
//
// A placed (moved or resized) bounded-context frame is one more entry under the key `"@frame"`,
// which no element can be named (names are identifiers): its x, y are the frame's board position
// and the sticky positions of that file are then relative to the frame's top-left corner; w, h
// (optional) its size. A file without it loads as it always did (ADR 0042).

import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Layout } from './types.js';
import { decodeSource } from './load/decode.js';
import { fileDiagnostic, internalError } from './load/file-diagnostics.js';
import { DEFAULT_LIMITS, parseYaml, type ParseLimits } from './load/parse-yaml.js';
import { Reader } from './load/reader.js';

// The names live apart (layout-names.ts) so that reading a model folder does not load the YAML parser.
export { LAYOUT_SUFFIX, isLayoutFile, domainFileOfLayout, layoutFileOf } from './layout-names.js';

import { FRAME_KEY } from './layout-names.js';
export { FRAME_KEY };

const POSITION_KEYS = ['x', 'y', 'w', 'h'] as const;

/** Reads a layout sidecar. Never throws; problems come back as diagnostics. */
export function parseLayout(text: string, file: string, options: Partial<ParseLimits> = {}, bytes?: Uint8Array): { layout: Layout; diagnostics: Diagnostic[] } {
  const layout: Layout = { positions: {} };
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options };
  try {
    const decoded = decodeSource(bytes ? { path: file, text, bytes } : { path: file, text }, limits.maxBytes);
    if (!decoded.ok) return { layout, diagnostics: [fileDiagnostic(file, decoded)] };
    const parsed = parseYaml(file, decoded.text, limits);
    if (parsed.doc) readLayout(new Reader(parsed.src, parsed.diags), parsed.doc.contents as YamlNode | null, layout);
    return { layout, diagnostics: parsed.diags.finish() };
  } catch (error) {
    return { layout, diagnostics: [internalError(file, error)] };
  }
}

function readLayout(r: Reader, root: YamlNode | null, layout: Layout): void {
  if (root === null || (isScalar(root) && root.value === null)) return;
  if (!isMap(root)) {
    r.typeError(root, 'a map of element name -> { x, y }');
    return;
  }
  for (const e of r.entries(root, 'the layout')) {
    const f = r.object(e.value, { what: `the position of "${e.key}"`, required: ['x', 'y'], optional: ['w', 'h'] }, e.keyNode.range);
    const position: { x: number; y: number; w?: number; h?: number } = { x: 0, y: 0 };
    let complete = true;
    for (const key of POSITION_KEYS) {
      const entry = f.get(key);
      if (!entry) continue;
      const node = entry.value;
      if (node && isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) position[key] = node.value;
      else {
        r.typeError(node, `a number for "${key}"`, entry.keyNode.range);
        if (key === 'x' || key === 'y') complete = false;
      }
    }
    if (complete && f.has('x') && f.has('y')) {
      // Element names come from YAML keys: defineProperty keeps a `__proto__`-like name inert
      // (reserved keys are already skipped by `entries`; this is defence in depth).
      Object.defineProperty(layout.positions, e.key, { value: position, enumerable: true, writable: true, configurable: true });
    }
  }
}

type Position = Layout['positions'][string];

function positionText(name: string, p: Position): string {
  const parts = [`x: ${p.x}`, `y: ${p.y}`];
  if (p.w !== undefined) parts.push(`w: ${p.w}`);
  if (p.h !== undefined) parts.push(`h: ${p.h}`);
  return `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name)}: { ${parts.join(', ')} }`;
}

const samePosition = (a: Position | undefined, b: Position): boolean => !!a && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/**
 * Writes a layout sidecar, one line per element. With `previousText` (one entry per line, as this
 * function writes it) only moved, added and removed elements change lines; comments stay.
 */
export function serializeLayout(layout: Layout, previousText?: string): string {
  const names = Object.keys(layout.positions);
  const header = '# Canvas positions. Written by the Stormsmith canvas; safe to delete.';
  const crlf = previousText !== undefined && /\r\n/.test(previousText);
  const bom = previousText?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = crlf ? '\r\n' : '\n';
  const fresh = () => `${bom}${[header, ...names.map((n) => positionText(n, layout.positions[n]!))].join(eol)}${eol}`;
  if (previousText === undefined) return fresh();

  const text = (bom ? previousText.slice(1) : previousText).replace(/\r\n/g, '\n');
  const old = parseLayout(text, 'layout.yaml', { maxBytes: Number.POSITIVE_INFINITY });
  if (old.diagnostics.some((d) => d.severity === 'error')) return fresh();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // Which line holds each old entry: only files with one entry per line are patched.
  const lineOf = new Map<string, number>();
  for (const name of Object.keys(old.layout.positions)) {
    const index = lines.findIndex((l) => l.startsWith(`${name}:`) || l.startsWith(`${JSON.stringify(name)}:`));
    if (index === -1 || [...lineOf.values()].includes(index)) return fresh();
    lineOf.set(name, index);
  }
  const out: (string | undefined)[] = [...lines];
  for (const [name, index] of lineOf) {
    const now = layout.positions[name];
    if (!now) out[index] = undefined;
    else if (!samePosition(old.layout.positions[name], now)) out[index] = positionText(name, now);
  }
  // A renamed sticky (one entry gone, one new entry at the same position) keeps its line.
  const freed = [...lineOf].filter(([name]) => !layout.positions[name]);
  const renamedInPlace = new Set<string>();
  for (const name of names.filter((n) => !lineOf.has(n))) {
    const slot = freed.findIndex(([was]) => samePosition(old.layout.positions[was], layout.positions[name]!));
    if (slot < 0) continue;
    out[freed[slot]![1]] = positionText(name, layout.positions[name]!);
    freed.splice(slot, 1);
    renamedInPlace.add(name);
  }
  const added = names.filter((n) => !lineOf.has(n) && !renamedInPlace.has(n)).map((n) => positionText(n, layout.positions[n]!));
  const result = [...out.filter((l): l is string => l !== undefined), ...added];
  const candidate = `${bom}${result.join(eol)}${eol}`;
  const check = parseLayout(candidate, 'layout.yaml', { maxBytes: Number.POSITIVE_INFINITY });
  const same =
    !check.diagnostics.some((d) => d.severity === 'error') &&
    Object.keys(check.layout.positions).length === names.length &&
    names.every((n) => samePosition(check.layout.positions[n], layout.positions[n]!));
  return same ? candidate : fresh();
}
