// Property tests (fixed seeds, so CI runs are reproducible): growing a user-owned file only ever
// inserts, is idempotent and satisfies the growth; path checks keep every accepted path inside
// the output folder.

import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPathName, findCollisions, foldPath } from '../../generator/apply/path-safety.js';
import { declaredNames } from '../../generator/grow/exported-names.js';
import { createGrowProject, growSource, type Insertion } from '../../generator/grow/grow-source.js';
import type { ScaffoldGrowth, ScaffoldImport } from '../../generator/plan-types.js';

const SEED = 20261126;

let grower: Awaited<ReturnType<typeof createGrowProject>>;
beforeAll(async () => {
  grower = await createGrowProject();
});

function removeInsertions(grown: string, insertions: Insertion[]): string {
  let out = '';
  let cursor = 0;
  let shift = 0;
  for (const ins of [...insertions].map((x, i) => ({ ...x, i })).sort((a, b) => a.at - b.at || a.i - b.i)) {
    out += grown.slice(cursor, ins.at + shift);
    cursor = ins.at + shift + ins.text.length;
    shift += ins.text.length;
  }
  return out + grown.slice(cursor);
}

const NAMES = ['decideA', 'decideB', 'evolveC', 'onD', 'reactE'];
const MODULES = ['./commands.js', './events.js', '../runtime/index.js'];
const TYPES = ['A', 'B', 'C', 'D', 'E', 'F'];

const importArb: fc.Arbitrary<ScaffoldImport> = fc.record({
  moduleSpecifier: fc.constantFrom(...MODULES),
  namedImports: fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 }),
  typeOnly: fc.boolean(),
});

const userFileArb = fc
  .record({
    header: fc.constantFrom('', '// My logic. Hands off.\n', '/* block\n * comment */\n'),
    imports: fc.array(
      fc.record({ imp: importArb, multiline: fc.boolean(), comment: fc.boolean() }).map(({ imp, multiline, comment }) => {
        const names = imp.namedImports.join(multiline ? ',\n  ' : ', ');
        const list = multiline ? `{\n  ${names},\n}` : `{ ${names} }`;
        return `import ${imp.typeOnly ? 'type ' : ''}${list} from '${imp.moduleSpecifier}';${comment ? ' // why' : ''}\n`;
      }),
      { maxLength: 3 },
    ),
    members: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
    helper: fc.boolean(),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ header, imports, members, helper, crlf, finalNewline }) => {
    let text = header + imports.join('') + '\n';
    for (const m of members) text += `export function ${m}(x:number){\n    // hand-written   body\n    return x*2 }\n\n`;
    if (helper) text += 'const helper = 1; export { helper };\n';
    text = text.replace(/\n+$/, '\n');
    if (!finalNewline) text = text.replace(/\n$/, '');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

const growthArb: fc.Arbitrary<ScaffoldGrowth> = fc.record({
  members: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }).map((names) =>
    names.map((name) => ({ name, text: `export function ${name}(): never {\n  throw new Error('not implemented: ${name}');\n}` })),
  ),
  imports: fc.array(importArb, { maxLength: 3 }),
});

describe('growing, for arbitrary user files and growths', () => {
  it('only inserts, satisfies the growth, parses, and is idempotent', () => {
    fc.assert(
      fc.property(userFileArb, growthArb, (text, growth) => {
        const { tsMorph, project } = grower;
        const once = growSource(tsMorph, project, 'logic.ts', text, growth);
        expect(removeInsertions(once.text, once.insertions)).toBe(text);
        const again = growSource(tsMorph, project, 'logic.ts', once.text, growth);
        expect(again.insertions).toEqual([]);
        const file = project.createSourceFile('/check.ts', once.text, { overwrite: true });
        try {
          expect((file.compilerNode as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
          const declared = new Set(declaredNames(tsMorph, file).map((d) => d.name));
          for (const m of growth.members) expect(declared.has(m.name)).toBe(true);
          for (const want of growth.imports) {
            const imported = new Set(file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === want.moduleSpecifier).flatMap((d) => d.getNamedImports().map((n) => n.getNameNode().getText())));
            for (const n of want.namedImports) expect(imported.has(n), `${n} from ${want.moduleSpecifier}`).toBe(true);
          }
        } finally {
          project.removeSourceFile(file);
        }
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});

describe('path checks, for arbitrary paths', () => {
  const segment = fc.oneof(
    fc.constantFrom('.', '..', '', 'CON', 'nul.ts', 'Aux', 'com1.json', 'a.', 'b ', '.stormsmith', 'src', 'Src', 'é', 'e\u0301', 'x?y'),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 6 }),
  );
  const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('accept only relative, contained, portable names', () => {
    const root = path.resolve('/tmp/out-root');
    fc.assert(
      fc.property(pathArb, (p) => {
        if (checkPathName(p) !== null) return;
        expect(path.resolve(root, p).startsWith(root + path.sep)).toBe(true);
        for (const s of p.split('/')) {
          expect(s).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
          expect(s).not.toMatch(/[<>:"|?*\\\u0000-\u001f]|[. ]$/);
          expect(s === '' || s === '.' || s === '..').toBe(false);
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('report a collision exactly when two distinct paths fold to the same key', () => {
    fc.assert(
      fc.property(fc.uniqueArray(pathArb.filter((p) => checkPathName(p) === null), { maxLength: 6 }), (paths) => {
        const files = new Set(paths.map(foldPath));
        const anyFileCollision = files.size < paths.length;
        const problems = findCollisions(paths);
        if (anyFileCollision) expect(problems.length).toBeGreaterThan(0);
        if (problems.length === 0) expect(files.size).toBe(paths.length);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
