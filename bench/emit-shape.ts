// Shape of the emitters, for ADR 0071 (the IR / string-emission question): `npx tsx bench/emit-shape.ts`.
// Prints, over generator/emit/**/*.ts: files and bytes; the share of source bytes inside
// template literals (TypeScript emitted as text); the largest single template literal; imports
// from one emitter module to another; `pascalCase(` calls (names computed at the point of use);
// folder depth; the longest chain of imports between emit/ modules. Parsed with @swc/core (the
// project's TypeScript 7 has no JavaScript API), so that `import` lines inside emitted text are
// not counted as imports.
//
// Two import figures (docs/adr/0073-generation-ir.md):
//   imports within emit/     every import from an emit/ module to another (ADR 0071's figure)
//   emitter-to-emitter       the same, less imports of the printing kit (PRINTING below: text
//                            helpers that know no artifact) and less a folder's composer
//                            (index.ts, aggregate-files.ts) importing the emitters it lists.
//                            With the IR these are 0: emitters read the IR (generator/ir), not
//                            each other.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core') as { parseSync: (src: string, opts: Record<string, unknown>) => { span: { start: number } } };
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const EMIT = join(ROOT, 'generator/emit');

/** Text helpers every emitter may use: they know no artifact and no model meaning. */
const PRINTING = /^(code|markdown|type-text|ts-types|templates|versions|imports|arbitraries|static-files)\.ts$/;
/** Composers: list a folder's emitters for plan(). */
const COMPOSER = /(^|\/)index\.ts$|^aggregate-files\.ts$/;

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
let withinEmit = 0;
let emitterImports = 0;
const graph = new Map<string, string[]>();
let pascalCalls = 0;
let depth = 0;
const all = files(EMIT).sort();
for (const file of all) {
  const text = readFileSync(file, 'utf8');
  const size = Buffer.byteLength(text);
  bytes += size;
  const ast = swc.parseSync(text, { syntax: 'typescript', target: 'es2022' }) as unknown as { span: { start: number }; body: { type: string; source?: { value: string } }[] };
  const ranges: [number, number][] = [];
  templateRanges(ast, ranges);
  for (const [start, end] of ranges) {
    const len = end - start;
    templateBytes += len;
    if (len > largest.bytes) largest = { file: relative(ROOT, file), bytes: len };
  }
  const from = relative(EMIT, file);
  const targets = ast.body
    .filter((n) => (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source?.value.startsWith('.'))
    .map((n) => relative(EMIT, join(file, '..', n.source!.value.replace(/\.js$/, '.ts'))))
    .filter((target) => !target.startsWith('..'));
  graph.set(from, targets);
  withinEmit += targets.length;
  emitterImports += targets.filter((target) => !PRINTING.test(target) && !COMPOSER.test(from)).length;
  pascalCalls += (text.match(/\bpascalCase\(/g) ?? []).length;
  depth = Math.max(depth, relative(EMIT, file).split('/').length);
}
console.log(`emit/: ${all.length} files, ${bytes} bytes`);
console.log(`inside template literals: ${templateBytes} bytes (${((100 * templateBytes) / bytes).toFixed(1)}%)`);
console.log(`largest template literal: ${largest.bytes} bytes in ${largest.file}`);
/** Imports in the longest chain of emit/ modules importing each other (the graph has no circles). */
const memo = new Map<string, number>();
const chain = (node: string): number => {
  const known = memo.get(node);
  if (known !== undefined) return known;
  memo.set(node, 0);
  const length = Math.max(0, ...(graph.get(node) ?? []).map((next) => 1 + chain(next)));
  memo.set(node, length);
  return length;
};
const longest = Math.max(...[...graph.keys()].map(chain));
console.log(`imports within emit/: ${withinEmit}`);
console.log(`emitter-to-emitter imports: ${emitterImports}`);
console.log(`longest import chain within emit/: ${longest} imports`);
console.log(`pascalCase( calls: ${pascalCalls}`);
// Names the IR computes (generator/ir, docs/adr/0073-generation-ir.md): counted apart, so that moving a call
// into the IR is seen as a move, not as a call gone.
const IR = join(ROOT, 'generator/ir');
const irCalls = existsSync(IR) ? files(IR).reduce((n, file) => n + (readFileSync(file, 'utf8').match(/\bpascalCase\(/g) ?? []).length, 0) : 0;
console.log(`pascalCase( calls in generator/ir: ${irCalls}`);
console.log(`deepest file: ${depth} levels below generator/emit`);
