import { describe, expect, it } from 'vitest';
import type { Model } from '../../../generator/model/types.js';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, check, expectAt, load, variant } from './helpers.js';

const RULE = 'event-version';
const versions = (version: number, previous: number[]) =>
  variant((t) =>
    t.replace(
      'SaleOpened:\n    aggregate: Sale\n    version: 1',
      `SaleOpened:\n    aggregate: Sale\n    version: ${version}\n    previousVersions:\n${previous.map((v) => `      ${v}: { fields: { saleId: uuid, total: Money }, upcast: custom }`).join('\n')}`,
    ),
  );

describe(RULE, () => {
  it('passes on version 1 and on a contiguous history', () => {
    expect(check(RULE, CLEAN)).toEqual([]);
    expect(check(RULE, versions(3, [1, 2]))).toEqual([]);
    expect(check(RULE, versions(3, [2]))).toEqual([]);
  });

  it('reports a gap in previousVersions at the first version out of sequence', () => {
    const files = versions(4, [1, 3]);
    const [d, ...rest] = check(RULE, files);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E_VERSION', severity: 'error' });
    expect(d!.message).toBe('event SaleOpened: previous version 1 is out of sequence; expected version 2 (previous versions must be a contiguous run ending at 3)');
    expectAt(d, files, 'sales.yaml', '1: {');
    expect(d!.hint).toContain('the last one being 3');
  });

  it('reports a previous version that is not below the current one', () => {
    const files = versions(2, [1, 2]);
    const [d] = check(RULE, files);
    expectAt(d, files, 'sales.yaml', '1: {');
  });

  it('reports version 0 (models built by the canvas skip the loader)', () => {
    const model: Model = load(CLEAN);
    model.contexts[0]!.events[0]!.version = 0;
    const [d] = validateModel(model, { rules: [RULE] });
    expect(d!.message).toBe('event SaleOpened has version 0; versions are whole numbers starting at 1');
    expectAt(d, CLEAN, 'sales.yaml', 'SaleOpened:');
  });
});
