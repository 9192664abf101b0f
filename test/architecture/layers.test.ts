// The layering of docs/adr/0070-layering-enforced.md, checked by dependency-cruiser over the
// real tree, and a check that the checker bites: upward imports planted in a throwaway copy of
// a few files must each be reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruiseLayers } from './cruise.js';

describe('architecture', () => {
  it('the tree keeps its layers: no circles, no upward imports, a pure model core', async () => {
    const result = await cruiseLayers();
    expect(result.modules).toBeGreaterThan(250);
    expect(result.violations).toEqual([]);
  }, 120_000);

  describe('the checker fails on planted violations', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stormsmith-layers-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const plant = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    plant('generator/model/types.ts', "import type { GenerateResult } from '../generate.js';\nimport * as fs from 'node:fs';\nexport type T = GenerateResult;\nexport const read = fs.readFileSync;\n");
    plant('generator/generate.ts', "export interface GenerateResult { ok: boolean }\n");
    plant('generator/apply/types.ts', "import type { Preview } from '../../app/shared/api.js';\nexport type S = Preview;\n");
    plant('generator/apply/report.ts', "import { help } from '../cli/io.js';\nexport const h = help;\n");
    plant('generator/cli/io.ts', "export const help = 'usage';\n");
    plant('app/shared/api.ts', "export interface Preview { ok: boolean }\n");
    plant('app/workspace/engine.ts', "import { generate } from '../../generator/cli/commands/generate.js';\nimport { parse } from '../../generator/model/load.js';\nexport const g = [generate, parse];\n");
    plant('generator/model/load.ts', "export const parse = 1;\n");
    plant('app/workspace/fine.ts', "import type { GenerateResult } from '../../generator/generate.js';\nexport type R = GenerateResult;\n");
    plant('generator/cli/commands/generate.ts', "export const generate = 1;\n");
    plant('generator/emit/adr.tsx', "import { view } from './adr-view.js';\nexport const adr = () => <div>{view}</div>;\n");
    plant('generator/emit/adr-view.ts', "import { adr } from './adr.js';\nexport const view = String(adr);\n");
    // Emitters over the IR (docs/adr/0073-generation-ir.md): one emitter reading another, the IR reading an emitter;
    // the printing kit and a folder's composer are allowed.
    plant('generator/emit/policies.ts', "import { eventModule } from './projections.js';\nimport { str } from './code.js';\nexport const p = [eventModule, str];\n");
    plant('generator/emit/projections.ts', "export const eventModule = 1;\n");
    plant('generator/emit/code.ts', "export const str = 1;\n");
    plant('generator/emit/ops/index.ts', "import { testFiles } from './test-files.js';\nexport const ops = testFiles;\n");
    plant('generator/emit/ops/test-files.ts', "export const testFiles = 1;\n");
    plant('generator/ir/context.ts', "import { str } from '../emit/code.js';\nexport const c = str;\n");

    it('reports each planted upward import, circle and Node builtin in the core', async () => {
      const result = await cruiseLayers({ baseDir: dir, roots: ['app', 'generator'] });
      const seen = result.violations.filter((v) => v.rule !== 'no-circular').map((v) => `${v.rule}: ${v.from} -> ${v.to}`).sort();
      expect(seen).toEqual([
        'app-uses-public-entries: app/workspace/engine.ts -> generator/cli/commands/generate.ts',
        'app-uses-public-entries: app/workspace/engine.ts -> generator/model/load.ts',
        'core-has-no-node-builtins: generator/model/types.ts -> fs',
        'core-is-self-contained: generator/model/types.ts -> generator/generate.ts',
        'emitters-are-siblings: generator/emit/adr-view.ts -> generator/emit/adr.tsx',
        'emitters-are-siblings: generator/emit/adr.tsx -> generator/emit/adr-view.ts',
        'emitters-are-siblings: generator/emit/policies.ts -> generator/emit/projections.ts',
        'generator-never-imports-app: generator/apply/types.ts -> app/shared/api.ts',
        'generator-never-imports-cli: generator/apply/report.ts -> generator/cli/io.ts',
        'ir-below-emitters: generator/ir/context.ts -> generator/emit/code.ts',
      ]);
      // A circle is reported once, from whichever file the cruise met first.
      const circles = result.violations.filter((v) => v.rule === 'no-circular');
      expect(circles).toHaveLength(1);
      expect(new Set([circles[0]!.from, circles[0]!.to])).toEqual(new Set(['generator/emit/adr.tsx', 'generator/emit/adr-view.ts']));
    }, 120_000);
  });
});
