// Long-lived aggregates in the ops entry points, on shapes the valid-model arbitrary found
// (issue 17a): two contexts with a long-lived aggregate of one name, and a long-lived aggregate
// that has no events. Both models are valid; before the fixes the first wrote one object key twice
// in src/ops-registry.ts (TS1117) and the second a snapshot test typed over `never` (TS2322).
import { describe, expect, it } from 'vitest';
import { loadYaml, planModel } from '../generated-project/model-project.js';

const context = (name: string, extra = '') =>
  [
    'stormsmith: 1',
    `context: ${name}`,
    'aggregates:',
    '  Loan:',
    '    identity: loanId',
    '    longLived: true',
    extra,
    'commands:',
    '  OpenLoan:',
    '    aggregate: Loan',
    '    fields: { loanId: uuid }',
    '    emits: [LoanOpened]',
    'events:',
    '  LoanOpened:',
    '    aggregate: Loan',
    '    published: true',
    '    fields: { loanId: uuid }',
    '',
  ].join('\n');

describe('long-lived aggregates in the ops entry points', () => {
  it('are keyed Context.Name in src/ops-registry.ts when two contexts share the name, as processors are', async () => {
    const files = await planModel(loadYaml({ 'billing.yaml': context('Billing'), 'lending.yaml': context('Lending') }));
    const registry = files.get('src/ops-registry.ts')!.contents;
    const aggregates = registry.slice(registry.indexOf('    aggregates: {'));
    expect(aggregates).toContain("'Billing.Loan': defineOpsAggregate({");
    expect(aggregates).toContain("'Lending.Loan': defineOpsAggregate({");
    expect(aggregates).not.toMatch(/^\s+Loan: defineOpsAggregate/m);
  });

  it('keeps the bare name when only one context has it', async () => {
    const files = await planModel(loadYaml({ 'lending.yaml': context('Lending') }));
    expect(files.get('src/ops-registry.ts')!.contents).toMatch(/^\s+Loan: defineOpsAggregate\(\{$/m);
  });

  it('write no snapshot test for a long-lived aggregate without events (nothing to fold)', async () => {
    const files = await planModel(loadYaml({ 'lending.yaml': context('Lending', '  Shelf:\n    identity: shelfId\n    snapshotEvery: 3') }));
    const paths = [...files.keys()];
    expect(paths.filter((p) => p.endsWith('.snapshots.pg.test.ts'))).toEqual([expect.stringContaining('/loan.snapshots')]);
  });
});
