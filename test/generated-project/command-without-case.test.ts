// A command added to the model after the user-owned <aggregate>.commands.test.ts was created gets
// no case there (stormsmith never rewrites that file); the generated specs test makes it a todo
// that names it (issue 17 item 9), so it shows in every run. Run in a generated shop.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_RUN_TIMEOUT, materialise, planExample, runGeneratedTests } from './support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a command without a case in the user-owned commands test', () => {
  it('is a todo naming it in the generated specs test; with its case back, the todo goes', async () => {
    const dir = materialise(new Map(await planExample('shop')), 'command-without-case');
    dirs.push(dir);
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
    const after = runGeneratedTests(dir, ['test/ordering/order.specs.test.ts']);
    expect(after.outcomes.length).toBeGreaterThan(0);
    expect(todo(after.outcomes)).toBeUndefined();
  }, GENERATED_RUN_TIMEOUT);
});
