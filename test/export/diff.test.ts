// `stormsmith diff --against <ref>` on a scripted change to models/shop in a temporary git
// repository: a command added, an event published, a field renamed with a version bump.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support.js';
import { scriptedShopChange } from '../support/shop-change.js';

let dir = '';
let cleanup = () => {};

// The change itself lives in test/support/shop-change.ts (the canvas comparison e2e uses it too).
beforeAll(() => {
  ({ repo: dir, cleanup } = scriptedShopChange());
});
afterAll(() => cleanup());

describe('stormsmith diff --against', () => {
  it('reads the scripted change as domain changes (text)', async () => {
    const run = await runCli(['diff', 'models/shop', '--against', 'main'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Domain changes against main: 2 added, 2 changed, 1 newly published',
        '+ command Ordering.ChangeShippingAddress',
        '+ event Ordering.ShippingAddressChanged',
        '~ event Ordering.OrderCancelled',
        '    version 1 -> 2',
        '    field reason renamed to cancellationReason',
        '    schema: new-version (v1 -> v2 (declarative upcast))',
        '~ event Ordering.OrderShipped',
        '    now published to other contexts',
        '',
      ].join('\n'),
    );
  });

  it('gives the same changes as JSON', async () => {
    const run = await runCli(['diff', 'models/shop', '--against', 'main', '--format', 'json'], dir);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toEqual({ added: 2, changed: 2, 'newly-published': 1 });
    const cancelled = doc.changes.find((c: { element: { name: string } }) => c.element.name === 'OrderCancelled');
    expect(cancelled.fields).toEqual([{ change: 'renamed', from: 'reason', field: 'cancellationReason', type: 'enum(customer-request|payment-failed)' }]);
  });

  it('writes a pull-request comment in Markdown with a Mermaid picture of the changed part', async () => {
    const run = await runCli(['diff', 'models/shop', '--against', 'main', '--format', 'markdown'], dir);
    const md = run.stdout;
    expect(md).toContain('### Domain changes against `main`');
    expect(md).toContain('| 🟢 added | command Ordering.ChangeShippingAddress |  |');
    expect(md).toContain('| 🟡 changed | event Ordering.OrderShipped | now published to other contexts |');
    expect(md).toContain('field reason renamed to cancellationReason');
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)![1]!;
    expect(mermaid).toContain('Ordering__ChangeShippingAddress --> Ordering__ShippingAddressChanged');
    expect(mermaid).toMatch(/Ordering__ChangeShippingAddress\[".*"\]:::added/);
    expect(mermaid).toMatch(/Ordering__OrderShipped\[".*"\]:::changed/);
  });

  it('refuses an unknown ref and a missing --against with exit 2', async () => {
    const bad = await runCli(['diff', 'models/shop', '--against', 'no-such-branch'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[E_GIT]');
    const missing = await runCli(['diff', 'models/shop'], dir);
    expect(missing.code).toBe(2);
  });
});
