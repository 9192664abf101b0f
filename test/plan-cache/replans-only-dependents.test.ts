// A one-aggregate change re-plans only the units that read it: its own context, the contexts
// that reference the changed element, and the cross-cutting units that read every context
// (composition root, ops, http); not the runtime, project or shared evolution files.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model/types.js';
import { MemoryPlanCache } from '../../generator/plan-cache/memory-cache.js';
import { foreignFacts } from '../../generator/plan-cache/unit-inputs.js';
import { plan } from '../../generator/plan.js';
import { loadSynthetic, planBytes, templates } from './support.js';

/** The cross-cutting units keyed on the whole model (composition root and model test, ops, HTTP API). */
const WHOLE_MODEL_UNITS = ['composition', 'http', 'ops'];

async function replannedAfter(base: Model, edit: (model: Model) => void): Promise<string[]> {
  const cache = new MemoryPlanCache();
  await plan(base, { templates, cache });
  const changed = structuredClone(base);
  edit(changed);
  const before = cache.computed.length;
  const cached = await plan(changed, { templates, cache });
  expect(planBytes(cached)).toEqual(planBytes(await plan(changed, { templates })));
  return cache.computed.slice(before).sort();
}

const contextNamed = (model: Model, name: string) => model.contexts.find((c) => c.name === name)!;

describe('a one-aggregate change re-plans only what depends on it', () => {
  const base = loadSynthetic(40);

  it('plans every unit once on a cold cache, and nothing on an unchanged model', async () => {
    const cache = new MemoryPlanCache();
    await plan(base, { templates, cache });
    expect(cache.computed.sort()).toEqual(['context Context0', 'context Context1', 'context Context2', 'context Context3', 'composition', 'evolution', 'http', 'ops', 'project', 'runtime'].sort());
    await plan(structuredClone(base), { templates, cache });
    expect(cache.computed).toHaveLength(10);
  });

  it('a field added to a command no other context references re-plans its context only', async () => {
    const replanned = await replannedAfter(base, (m) => {
      const command = contextNamed(m, 'Context2').commands.find((c) => c.name === 'Do2x3x1')!;
      command.fields.push({ name: 'reason', optional: false, type: { kind: 'primitive', name: 'string' }, typeText: 'string', loc: command.loc });
    });
    expect(replanned).toEqual(['context Context2', ...WHOLE_MODEL_UNITS].sort());
  });

  it('a field added to an event another context reacts to re-plans both contexts', async () => {
    // Context3's policy FollowUp3 reacts to Context2.Done2x0x0a.
    const replanned = await replannedAfter(base, (m) => {
      const event = contextNamed(m, 'Context2').events.find((e) => e.name === 'Done2x0x0a')!;
      event.fields.push({ name: 'reason', optional: true, type: { kind: 'primitive', name: 'string' }, typeText: 'string?', loc: event.loc });
    });
    expect(replanned).toEqual(['context Context2', 'context Context3', ...WHOLE_MODEL_UNITS].sort());
  });

  it('a context reads exactly the referenced elements of other contexts', () => {
    const keys = foreignFacts(base, contextNamed(base, 'Context3')).map(([key]) => key);
    // The referenced event, its aggregate (identity for projections), and value objects used.
    expect(keys).toContain('element Context2.Done2x0x0a');
    expect(keys).toContain('element Context2.Agg2x0');
    expect(keys.filter((k) => k.startsWith('element Context2.'))).toEqual(['element Context2.Agg2x0', 'element Context2.Done2x0x0a']);
    expect(keys.some((k) => k.startsWith('element Context0.') || k.startsWith('element Context1.'))).toBe(false);
  });
});
