// A command added to the model after the user-owned <aggregate>.commands.test.ts was created gets
// no case there (stormsmith never rewrites that file); the generated specs test makes it a todo
// that names it (issue 17 item 9), so it shows in every run. Run in a copy of the run's shop.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedExample } from './example-project.js';
import { digestChanges, privateCopy, removeCopy, sharedTestRun, treeDigest, type SharedService } from './shared-service.js';
import { GENERATED_RUN_TIMEOUT, runGeneratedTests } from './support.js';

let shared: SharedService | undefined;
let dir = '';
// It cuts a case out of a user-owned file: a private copy of the run's shop (ADR 0107).
beforeAll(async () => {
  shared = await sharedExample('shop');
  dir = privateCopy(shared, 'command-without-case');
});
afterAll(() => removeCopy(dir));

describe('a command without a case in the user-owned commands test', () => {
  it('is a todo naming it in the generated specs test; with its case back, the todo goes', () => {
    const file = join(dir, 'test/ordering/order.commands.test.ts');
    const created = readFileSync(file, 'utf8');
    // As if MarkOrderShipped had joined the model after the file was created: its case is not there.
    const cut = created.replace(/modelCase\('MarkOrderShipped[\s\S]*?\n\);\n\n/, '');
    expect(cut).not.toContain("type: 'MarkOrderShipped'");
    writeFileSync(file, cut);
    const todo = (outcomes: { name: string; status: string }[]) => outcomes.find((o) => o.name.startsWith('MarkOrderShipped has no case in order.commands.test.ts'));
    const before = runGeneratedTests(dir, ['test/ordering/order.specs.test.ts']);
    expect(todo(before.outcomes)?.status, before.run.output).toBe('todo');
    expect(before.outcomes.filter((o) => o.name.includes('has no case in'))).toHaveLength(1);
    writeFileSync(file, created);
    // With the case back the project is the run's shop again, file for file (only the report of
    // the run above was added), so its specs' outcomes are those of the shop's own run, which
    // test/generated-project/shop.test.ts reads too: read there instead of run again.
    expect(digestChanges(shared!.digest, treeDigest(dir))).toEqual(['.vitest-report.json: added']);
    const after = sharedTestRun(shared!).outcomes.filter((o) => o.file === 'test/ordering/order.specs.test.ts');
    expect(after.length).toBeGreaterThan(0);
    expect(todo(after)).toBeUndefined();
  }, GENERATED_RUN_TIMEOUT);
});
