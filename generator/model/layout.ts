// Canvas layout sidecars: `lending.layout.yaml` holds the positions of the stickies of
// `lending.yaml`, so that moving a sticky never shows up as a domain change in a diff.
//
//   # Canvas positions for lending.yaml. Written by the Stormsmith canvas; safe to delete.
//   Loan: { x: 420, y: 120 }
//   BorrowBook: { x: 200, y: 120, w: 180, h: 90 }
//
// An empty layout file is a valid empty layout (the canvas may write one).

import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Layout } from './types.js';
import { decodeSource } from './load/decode.js';
import { fileDiagnostic, internalError } from './load/file-diagnostics.js';
import { DEFAULT_LIMITS, parseYaml, type ParseLimits } from './load/parse-yaml.js';
import { Reader } from './load/reader.js';

export const LAYOUT_SUFFIX = '.layout.yaml';

export function isLayoutFile(path: string): boolean {
  return path.endsWith(LAYOUT_SUFFIX);
}

/** `model/lending.layout.yaml` -> `model/lending.yaml`. */
export function domainFileOfLayout(path: string): string {
  return `${path.slice(0, -LAYOUT_SUFFIX.length)}.yaml`;
}

/** `model/lending.yaml` -> `model/lending.layout.yaml`. */
export function layoutFileOf(domainPath: string): string {
  return `${domainPath.replace(/\.ya?ml$/, '')}${LAYOUT_SUFFIX}`;
}

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
