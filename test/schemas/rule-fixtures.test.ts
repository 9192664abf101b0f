// One passing and one failing fixture per schema rule (test/schemas/fixtures/rules/<RULE>.json,
// Confluent's {description, previous, current, changes, compatible} format, our own cases).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../../generator/schemas/compat/compare.js';
import { RULES } from '../../generator/schemas/compat/registry.js';
import type { Direction, Schema } from '../../generator/schemas/compat/types.js';

interface FixtureCase {
  description: string;
  direction: Direction;
  previous: Schema;
  current: Schema;
  changes: string[];
  compatible: boolean;
  reserved?: string[];
}

const dir = join(import.meta.dirname, 'fixtures', 'rules');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const fixtures = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { rule: string; cases: FixtureCase[] });

describe('rule registry', () => {
  const schemaRules = [...RULES.values()].filter((r) => r.category !== 'envelope').map((r) => r.id);

  it('has at least 25 named rules, all ids SCREAMING_SNAKE and unique', () => {
    expect(RULES.size).toBeGreaterThanOrEqual(25);
    for (const id of RULES.keys()) expect(id).toMatch(/^[A-Z][A-Z_]+[A-Z]$/);
  });

  it('has a fixture file for every schema rule and no fixture for an unknown rule', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...schemaRules].sort());
  });

  for (const fx of fixtures) {
    it(`${fx.rule}: has a failing and a passing case`, () => {
      expect(fx.cases.some((c) => c.changes.includes(fx.rule))).toBe(true);
      expect(fx.cases.some((c) => !c.changes.includes(fx.rule))).toBe(true);
    });
  }
});

describe('rule fixtures', () => {
  for (const fx of fixtures) {
    for (const c of fx.cases) {
      it(`${fx.rule} [${c.direction}] ${c.description}`, () => {
        const result = compareSchemas(c.previous, c.current, c.direction, { reserved: c.reserved ?? [] });
        const fired = result.changes.filter((ch) => (c.direction === 'backward' ? ch.breaksBackward : ch.breaksForward)).map((ch) => ch.rule);
        expect([...new Set(fired)].sort()).toEqual(c.changes);
        expect(result.compatible).toBe(c.compatible);
        for (const ch of result.changes) expect(RULES.has(ch.rule)).toBe(true);
      });
    }
  }
});

describe('docs/schema-evolution.md', () => {
  it('lists every rule', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'schema-evolution.md'), 'utf8');
    expect([...RULES.keys()].filter((id) => !doc.includes(`| \`${id}\` |`))).toEqual([]);
  });
});
