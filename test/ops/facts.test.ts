// What the operations wiring takes from the model: retry attempts and backoff per context,
// async processors with their lag targets, long-lived aggregates with their snapshot interval,
// and what the ADR draft reports of it.

import { describe, expect, it } from 'vitest';
import { contextFacts } from '../../generator/ir/context.js';
import { backoffFacts, opsFacts } from '../../generator/ir/ops.js';
import { loadExample, planExample } from '../generated-project/support.js';

describe('operations facts', () => {
  it('reads the backoff the model names; delays stay short (a batch transaction is open)', () => {
    expect(backoffFacts(undefined)).toEqual({ initialDelayMs: 50, factor: 2, maxDelayMs: 1000 });
    expect(backoffFacts('exponential')).toEqual({ initialDelayMs: 50, factor: 2, maxDelayMs: 1000 });
    expect(backoffFacts('fixed')).toEqual({ initialDelayMs: 100, factor: 1, maxDelayMs: 100 });
    expect(backoffFacts('250ms')).toEqual({ initialDelayMs: 250, factor: 1, maxDelayMs: 250 });
    expect(backoffFacts('1s')).toEqual({ initialDelayMs: 1000, factor: 1, maxDelayMs: 1000 });
    expect(backoffFacts('none')).toEqual({ initialDelayMs: 0, factor: 1, maxDelayMs: 0 });
  });

  it('lists the async processors with retry per context, and the long-lived aggregates', () => {
    const model = loadExample('shop');
    const ops = opsFacts(model.contexts.map((c) => contextFacts(model, c)));
    const payments = ops.processors.filter((p) => p.context === 'Payments');
    expect(payments.length).toBeGreaterThan(0);
    for (const p of payments) expect(p.retry.attempts).toBe(10);
    for (const p of ops.processors.filter((x) => x.context === 'Ordering')) expect(p.retry).toMatchObject({ attempts: 8, origin: 'ordering.yaml:233' });
    // Shipping says nothing: the default.
    for (const p of ops.processors.filter((x) => x.context === 'Shipping')) expect(p.retry).toMatchObject({ attempts: 3, origin: 'default' });
    // Strongly consistent projections run inline: they are no processors.
    expect(ops.processors.map((p) => p.kind === 'projection' && p.name)).not.toContain('OrderSummary');
    expect(ops.longLived).toEqual([]);

    const library = loadExample('library');
    const lending = opsFacts(library.contexts.map((c) => contextFacts(library, c)));
    expect(lending.processors.map((p) => [p.key, p.kind, p.processorId, p.lagTarget, p.retry.attempts])).toEqual([
      // An external system told about events is a processor too (issue 17 item 4).
      ['Mailer', 'outbound', 'lending:mailer', undefined, 5],
      ['OverdueLoans', 'projection', 'lending:overdue-loans', '5s', 5],
      ['RemindWhenDue', 'policy', 'lending:remind-when-due', undefined, 5],
    ]);
    expect(lending.longLived.map((a) => [a.aggregate.name, a.streamType, a.every])).toEqual([['Loan', 'lending_loan', 50]]);
  });

  it('puts them into the generated wiring and the ADR draft', async () => {
    const files = await planExample('library');
    const operations = files.get('src/operations.ts')!.contents;
    // 2: the state became the lifecycle union (existence, ADR 0032), so older snapshots are ignored.
    expect(operations).toContain("lending_loan: { every: 50, schemaVersion: 2 }");
    expect(operations).toContain('retry: { maxAttempts: 5, backoff: { initialDelayMs: 50, factor: 2, maxDelayMs: 1000 } }');
    const adr = files.get('docs/adr/lending-architecture.md')!.contents;
    expect(adr).toContain('folded 50 events past the last one');
    expect(adr).toContain('OverdueLoans (projection, processor `lending:overdue-loans`): 5 attempts (50 ms, 100 ms, 200 ms, 400 ms between attempts), then a\n  dead letter; lag target 5s.');
    const pkg = JSON.parse(files.get('package.json')!.contents) as { scripts: Record<string, string> };
    expect(pkg.scripts).toMatchObject({ ops: 'tsx src/ops.ts', build: 'tsc -p tsconfig.build.json', start: 'node dist/main.js' });
  });
});
