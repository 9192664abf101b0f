// One passing and one failing fixture per envelope rule (registry level, no schema diff sees
// them): test/schemas/fixtures/envelope/<RULE>/{released,pass,fail}/ are model folders. The
// registry is what `schemas release` records for `released/`; `# expect: RULE` comments in
// `fail/` mark where each error must point, and nothing else may be reported.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../generator/schemas/compat/registry.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { expectations, loadFolder } from './support/load.js';

const root = join(import.meta.dirname, 'fixtures', 'envelope');
const rules = readdirSync(root).sort();

const errorsOf = (dir: string, registryFrom: string) => {
  const registry = planRelease(loadFolder(registryFrom), emptyRegistry()).registry;
  return evaluateGate(loadFolder(dir), registry).diagnostics.filter((d) => d.severity === 'error');
};

describe('envelope rule fixtures', () => {
  it('cover every envelope rule of the registry', () => {
    const envelope = [...RULES.values()].filter((r) => r.category === 'envelope').map((r) => r.id);
    expect(rules).toEqual([...envelope].sort());
  });

  for (const rule of rules) {
    const released = join(root, rule, 'released');
    it(`${rule}: the passing fixture reports no error`, () => {
      expect(errorsOf(join(root, rule, 'pass'), released).map((d) => `${d.line} ${d.rule}: ${d.message}`)).toEqual([]);
    });
    it(`${rule}: the failing fixture reports exactly the marked errors`, () => {
      const fail = join(root, rule, 'fail');
      const marked = expectations(fail);
      expect(marked.some((m) => m.endsWith(` ${rule}`))).toBe(true);
      const found = errorsOf(fail, released).map((d) => `${d.file}:${d.line} ${d.rule ?? d.code}`).sort();
      expect(found).toEqual(marked);
    });
  }
});
