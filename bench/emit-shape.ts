// Shape of the emitters, for ADR 0071 (the IR / string-emission question): `npx tsx bench/emit-shape.ts`.
// Prints, over generator/emit/**/*.ts: files and bytes; the share of source bytes inside
// template literals (TypeScript emitted as text); the largest single template literal; imports
// from one emitter module to another; `pascalCase(` calls (names computed at the point of use);
// folder depth. Parsed with @swc/core (the project's TypeScript 7 has no JavaScript API).

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core') as { parseSync: (src: string, opts: Record<string, unknown>) => { span: { start: number } } };
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const EMIT = join(ROOT, 'generator/emit');

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** Byte ranges of every outermost template literal (nested ones are inside their parent's range). */
function templateRanges(node: unknown, out: [number, number][]): void {
  if (Array.isArray(node)) {
    for (const n of node) templateRanges(n, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; span?: { start: number; end: number } };
  if (n.type === 'TemplateLiteral' && n.span) {
    out.push([n.span.start, n.span.end]);
    return;
  }
  for (const value of Object.values(node)) if (value && typeof value === 'object') templateRanges(value, out);
}

let bytes = 0;
let templateBytes = 0;
let largest = { file: '', bytes: 0 };
let emitterImports = 0;
let pascalCalls = 0;
let depth = 0;
const all = files(EMIT).sort();
for (const file of all) {
  const text = readFileSync(file, 'utf8');
  const size = Buffer.byteLength(text);
  bytes += size;
  const ast = swc.parseSync(text, { syntax: 'typescript', target: 'es2022' });
  const ranges: [number, number][] = [];
  templateRanges(ast, ranges);
  for (const [start, end] of ranges) {
    const len = end - start;
    templateBytes += len;
    if (len > largest.bytes) largest = { file: relative(ROOT, file), bytes: len };
  }
  emitterImports += [...text.matchAll(/^import[^;]*from '(\.[^']*)'/gm)].filter((m) => {
    const target = join(file, '..', m[1]!);
    return target.startsWith(EMIT);
  }).length;
  pascalCalls += (text.match(/\bpascalCase\(/g) ?? []).length;
  depth = Math.max(depth, relative(EMIT, file).split('/').length);
}
console.log(`emit/: ${all.length} files, ${bytes} bytes`);
console.log(`inside template literals: ${templateBytes} bytes (${((100 * templateBytes) / bytes).toFixed(1)}%)`);
console.log(`largest template literal: ${largest.bytes} bytes in ${largest.file}`);
console.log(`emitter-to-emitter imports: ${emitterImports}`);
console.log(`pascalCase( calls: ${pascalCalls}`);
console.log(`deepest file: ${depth} levels below generator/emit`);
