// Issue 14: read model -> actor. `actor.reads` names the read models an actor decides on.
import { describe, expect, it } from 'vitest';
import { CLEAN, check, load } from './helpers.js';

describe('actor.reads', () => {
  it('loads, writes back, and resolves like every reference', async () => {
    const { serializeContext, loadContextFile } = await import('../../../generator/model/index.js');
    const files = { 'sales.yaml': CLEAN['sales.yaml']!.replace('Clerk: { description: Sells at the counter. }', 'Clerk: { description: Sells at the counter., reads: [Nowhere] }') };
    const model = load(files);
    const clerk = model.contexts[0]!.actors[0]!;
    expect(clerk.reads?.map((r) => r.name)).toEqual(['Nowhere']);
    expect(check('unresolved-reference', files).map((d) => d.message)).toEqual([expect.stringContaining('"Nowhere"')]);
    const text = serializeContext(model.contexts[0]!);
    expect(loadContextFile({ path: 'sales.yaml', text }).context!.actors[0]!.reads?.map((r) => r.name)).toEqual(['Nowhere']);
  });
});
