import { describe, expect, it } from 'vitest';
import { kebabCase } from '../../../generator/names.js';
import { GENERATOR_CONTEXT_FOLDERS, GENERATOR_TOP_FOLDERS, outputName } from '../../../generator/model/validate/output-names.js';
import { planExample } from '../../generated-project/support.js';
import { CLEAN, check, expectAt, variant } from './helpers.js';
import fc from 'fast-check';

const RULE = 'output-name';

describe(RULE, () => {
  it('passes on ordinary domain names', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
  });

  it.each(['Runtime', 'Evolution', 'Ops', 'Support', 'Museum', 'Setup'])('refuses a context named %s at its context line, with a hint', (name) => {
    const files = { 'sales.yaml': CLEAN['sales.yaml']!.replace('context: Sales', `context: ${name}`) };
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_OUTPUT_NAME_CLASH', severity: 'error' });
    expect(d!.message).toContain(`src/${name.toLowerCase()}/`);
    expectAt(d, files, 'sales.yaml', `context: ${name}`);
    expect(d!.hint).toContain(`"${name}Desk"`);
  });

  it('accepts multi-word names that only start like a generator folder', () => {
    const files = { 'sales.yaml': CLEAN['sales.yaml']!.replace('context: Sales', 'context: SupportDesk') };
    expect(check(RULE, files)).toEqual([]);
  });

  it.each(['Projections', 'Policies', 'Schemas', 'Evolution'])('refuses an aggregate named %s inside its context folder', (name) => {
    const files = variant((t) => t.replaceAll('Sale:', `${name}:`).replaceAll('aggregate: Sale', `aggregate: ${name}`));
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_OUTPUT_NAME_CLASH' });
    expectAt(d, files, 'sales.yaml', `${name}:\n    identity`);
  });

  it.each(['Con', 'Aux', 'Nul', 'Prn', 'Com1', 'Lpt9', 'COM3'])('refuses the Windows device name %s as a context or an element, at the model line', (name) => {
    const asContext = { 'sales.yaml': CLEAN['sales.yaml']!.replace('context: Sales', `context: ${name}`) };
    const [c] = check(RULE, asContext);
    expect(c).toMatchObject({ code: 'E_WINDOWS_RESERVED_NAME', severity: 'error' });
    expectAt(c, asContext, 'sales.yaml', `context: ${name}`);
    expect(c!.hint).toBe(`use a longer domain name, e.g. "${name}Record"`);
    const asEvent = variant((t) => t.replaceAll('SaleClosed', name));
    const [e] = check(RULE, asEvent);
    expect(e).toMatchObject({ code: 'E_WINDOWS_RESERVED_NAME' });
    expectAt(e, asEvent, 'sales.yaml', `${name}:\n    aggregate`);
  });

  it('knows the superscript digits Windows also reserves (COM¹, LPT³)', async () => {
    const { WINDOWS_DEVICE_NAME } = await import('../../../generator/model/validate/output-names.js');
    expect(['com\u00b9', 'LPT\u00b3', 'con', 'Nul'].every((n) => WINDOWS_DEVICE_NAME.test(n))).toBe(true);
    expect(['console', 'com10', 'auxiliary'].some((n) => WINDOWS_DEVICE_NAME.test(n))).toBe(false);
  });

  it('derives the same folder names as the generator', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/), (name) => outputName(name) === kebabCase(name)), { seed: 11, numRuns: 300 });
  });

  it("lists every folder the generator writes next to context and aggregate folders (checked on the examples' plans)", async () => {
    for (const example of ['library', 'shop']) {
      const files = [...(await planExample(example)).keys()];
      const contexts = new Set(files.filter((p) => p.startsWith('docs/adr/') && p.endsWith('-architecture.md')).map((p) => p.slice('docs/adr/'.length, -'-architecture.md'.length)));
      expect(contexts.size).toBeGreaterThan(0);
      for (const path of files) {
        const parts = path.split('/');
        if ((parts[0] === 'src' || parts[0] === 'test') && parts.length > 2 && !contexts.has(parts[1]!)) {
          expect(GENERATOR_TOP_FOLDERS.has(parts[1]!), `${path}: add "${parts[1]}" to GENERATOR_TOP_FOLDERS`).toBe(true);
        }
        if (parts[0] === 'src' && parts.length > 3 && contexts.has(parts[1]!)) {
          const folder = parts[2]!;
          const isAggregate = /\/(decider|state|logic|events|commands|command-handler)\.ts$/.test(path);
          if (!isAggregate) expect(GENERATOR_CONTEXT_FOLDERS.has(folder), `${path}: add "${folder}" to GENERATOR_CONTEXT_FOLDERS`).toBe(true);
        }
      }
    }
  });
});
