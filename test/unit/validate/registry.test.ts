// The registry itself: enough rules, one module and one test file each, stable ids, and
// validateModel's output contract (sorted, every diagnostic complete).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../generator/model/types.js';
import { RULES, sortDiagnostics, validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, ctx, load, variant } from './helpers.js';

const rulesDir = fileURLToPath(new URL('../../../generator/model/validate/rules/', import.meta.url));
const testsDir = fileURLToPath(new URL('./', import.meta.url));

describe('the rule registry', () => {
  it('has at least 20 rules with unique kebab-case ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(20);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.code).toMatch(/^[EWI]_[A-Z_]+$/);
      expect(rule.code[0]).toBe({ error: 'E', warning: 'W', info: 'I' }[rule.severity]);
      expect(rule.description.length).toBeGreaterThan(20);
    }
  });

  it('stays browser-safe: no Node built-ins, no process, no file system in generator/model/validate', () => {
    const root = fileURLToPath(new URL('../../../generator/model/validate/', import.meta.url));
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(RULES.length);
    for (const file of sources) {
      const text = readFileSync(root + file, 'utf8');
      expect(text, file).not.toMatch(/from '(node:|fs|path|os|child_process|electron|react)/);
      expect(text, file).not.toMatch(/\bprocess\.|\brequire\(/);
    }
  });

  it('registers every module under rules/, and each rule has its own test file', () => {
    const modules = readdirSync(rulesDir).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(RULES.map((r) => r.id).sort()).toEqual(modules);
    for (const rule of RULES) expect(existsSync(`${testsDir}${rule.id}.test.ts`), rule.id).toBe(true);
  });
});

describe('validateModel', () => {
  // A model broken in many ways at once, across two files.
  const broken = (): Model =>
    load({
      ...variant((t) => t.replace('emits: [SaleOpened]', 'emits: [SaleOpend]').replace('on: [CashCounted]', 'on: [SaleClosed]').replace('actors:\n  Clerk:', 'actors:\n  Auditor: {}\n  Clerk:')),
      'a.yaml': ctx('Alpha', 'actors:\n  lonely_actor: {}\n'),
    });

  it('returns complete diagnostics sorted by file, line, column and code', () => {
    const diagnostics = validateModel(broken());
    expect(diagnostics.length).toBeGreaterThan(4);
    expect(diagnostics).toEqual(sortDiagnostics([...diagnostics].reverse()));
    for (const d of diagnostics) {
      expect(d.file).toMatch(/\.yaml$/);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.col).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(0);
      expect(d.hint?.length).toBeGreaterThan(0);
      expect(RULES.map((r) => r.id)).toContain(d.rule);
    }
    expect(diagnostics[0]!.file).toBe('a.yaml');
  });

  it('is deterministic and does not depend on the order of the input files', () => {
    const model = broken();
    const reversed: Model = { ...model, contexts: [...model.contexts].reverse() };
    expect(validateModel(reversed)).toEqual(validateModel(model));
  });

  it('does not modify the model', () => {
    const model = broken();
    const before = JSON.stringify(model);
    validateModel(model);
    expect(JSON.stringify(model)).toBe(before);
  });

  it('runs only the requested rules', () => {
    expect(validateModel(broken(), { rules: ['actor-unused'] }).map((d) => d.code)).toEqual(['W_ACTOR_UNUSED', 'W_ACTOR_UNUSED']);
    expect(validateModel(load(CLEAN), { rules: [] })).toEqual([]);
  });
});
