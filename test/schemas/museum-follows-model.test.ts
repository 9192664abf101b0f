// Before an event version is released its schema may still change; its museum exhibit, written by
// stormsmith and never edited, follows the model (issue 17 item 9: changing a never-released
// event broke its museum test, although the exhibit said never to edit it). An exhibit you edited
// is kept. Through the real CLI, with the museum run in the generated service.
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../cli/support.js';
import { REPO_ROOT, runTool } from '../generated-project/support.js';

const shop = join(import.meta.dirname, '..', '..', 'models', 'shop');
const t = tempTree({ 'stormsmith.config.json': '{\n  "model": "models/shop",\n  "out": "services/shop"\n}\n' });
afterAll(() => t.cleanup());
const run = (...argv: string[]) => runCli(argv, t.dir);
const ordering = join(t.dir, 'models/shop/ordering.yaml');
const service = join(t.dir, 'services/shop');
const exhibit = (name: string) => join(service, 'test/museum/ordering', name);

function museum(): { output: string; failed: string[] } {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'postgres://museum:unused@127.0.0.1:9/unused';
  try {
    const r = runTool(service, 'vitest', ['run', 'test/museum/ordering.museum.test.ts', '--reporter=json', '--outputFile=.museum-report.json']);
    const report = JSON.parse(readFileSync(join(service, '.museum-report.json'), 'utf8')) as { testResults: { name: string; assertionResults: { title: string; status: string }[] }[] };
    const failed = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${relative(service, f.name).split(sep).join('/')}: ${a.title}`));
    return { output: r.output, failed };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

describe('museum exhibits of an event that was never released', () => {
  it('follow its schema when it changes; an edited exhibit is kept', async () => {
    cpSync(shop, join(t.dir, 'models/shop'), { recursive: true });
    expect((await run('generate')).code).toBe(0);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(service, 'node_modules'), 'dir');
    expect(museum().failed).toEqual([]);

    // OrderShipped (never released) gains a required field.
    const text = readFileSync(ordering, 'utf8');
    const shipped = '  OrderShipped:\n    aggregate: Order\n    version: 1\n    fields:\n      orderId: uuid\n      shipmentId: uuid\n      trackingNumber: string\n';
    expect(text).toContain(shipped);
    const given = 'trackingNumber: "00340434161094042557" }';
    expect(text).toContain(given);
    writeFileSync(ordering, text.replace(shipped, `${shipped}      carrier: string\n`).replace(given, 'trackingNumber: "00340434161094042557", carrier: DHL }'));
    // A hand-edited exhibit (an extra event someone stored) of another event stays as it is.
    const cancelled = exhibit('OrderCancelled.v1.json');
    const edited = readFileSync(cancelled, 'utf8').replace('"customer-request"', '"payment-failed"');
    writeFileSync(cancelled, edited);

    const regenerated = await run('generate');
    expect(regenerated.code, (regenerated.stdout + regenerated.stderr).split("\n").filter((l) => !l.includes("info[")).join("\n")).toBe(0);
    expect(JSON.parse(readFileSync(exhibit('OrderShipped.v1.json'), 'utf8')).data).toHaveProperty('carrier');
    expect(readFileSync(cancelled, 'utf8')).toBe(edited);
    const after = museum();
    expect(after.failed, after.output).toEqual([]);
    // And the output is up to date (check agrees with what generate wrote).
    expect((await run('generate', '--check')).code).toBe(0);
  }, 120_000);
});
