// The shop example (three contexts with cross-context policies, a versioned event, value objects
// shared across contexts), exactly as generated: strict tsc passes, its own tests pass on day one
// with stubs reported as todo, and the read model the model fully describes (ShippingAddresses)
// runs against a real PostgreSQL.

import { describe, expect, it } from 'vitest';
import { expectSharedTypeCheck, useSharedExample } from './example-project.js';
import { sharedTestRun } from './shared-service.js';
import { GENERATED_RUN_TIMEOUT } from './support.js';

describe('generated shop service', () => {
  const project = useSharedExample('shop');

  it('type-checks with strict tsc', () => expectSharedTypeCheck(project()), GENERATED_RUN_TIMEOUT);

  it('passes its own tests: defaults green, stubs todo, a projection on PostgreSQL', () => {
    const { run, outcomes } = sharedTestRun(project());
    expect(outcomes.filter((o) => o.status === 'failed'), run.output).toEqual([]);
    expect(run.status, run.output).toBe(0);
    expect(outcomes.filter((o) => o.status === 'skipped' || o.status === 'pending')).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'todo').every((o) => o.name.includes('[todo: '))).toBe(true);
    expect(outcomes.filter((o) => o.status === 'passed').length).toBeGreaterThanOrEqual(5);
    const postgres = outcomes.find((o) => o.file === 'test/shipping/projections/shipping-addresses.pg.test.ts');
    expect(postgres?.status).toBe('passed');
  }, GENERATED_RUN_TIMEOUT);
});
