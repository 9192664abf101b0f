// The exhaustive 24-combination matrix (schema-evolution.md test 48): content model
// (open/closed) x change (add/remove) x property kind (required / required-with-default /
// optional) x direction (backward/forward). Expected verdicts follow Part B rows 1-6; Confluent
// had 2 of these 24 wrong until PR #4292, so every cell is pinned here.
import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../../generator/schemas/compat/compare.js';
import type { Direction, Schema } from '../../generator/schemas/compat/types.js';

type Model = 'open' | 'closed';
type Change = 'add' | 'remove';
type Kind = 'required' | 'required-with-default' | 'optional';

const objectWith = (model: Model, withB: Kind | undefined): Schema => {
  const properties: Record<string, Schema> = { a: { type: 'string' } };
  const required = ['a'];
  if (withB) {
    properties.b = withB === 'required-with-default' ? { type: 'integer', default: 0 } : { type: 'integer' };
    if (withB !== 'optional') required.push('b');
  }
  return { type: 'object', properties, required, ...(model === 'closed' ? { additionalProperties: false } : {}) };
};

// [model, change, kind] -> [backward compatible, forward compatible]
const EXPECTED: Record<string, [boolean, boolean]> = {
  // Adding: stored data lacks b (required breaks B); closed old readers reject b (F).
  'closed add required': [false, false],
  'closed add required-with-default': [false, false], // a JSON Schema default is not filled by validators
  'closed add optional': [true, false],
  'open add required': [false, true],
  'open add required-with-default': [false, true],
  'open add optional': [false, true], // old open data may already carry b with another type (Confluent #1458)
  // Removing: closed new readers reject stored b (B); old readers require b (F) or, with open new
  // writers, may receive b with any type (F).
  'closed remove required': [false, false],
  'closed remove required-with-default': [false, false],
  'closed remove optional': [false, true],
  'open remove required': [true, false],
  'open remove required-with-default': [true, false],
  'open remove optional': [true, false],
};

describe('open/closed x add/remove x required/default/optional x backward/forward', () => {
  for (const model of ['open', 'closed'] as Model[]) {
    for (const change of ['add', 'remove'] as Change[]) {
      for (const kind of ['required', 'required-with-default', 'optional'] as Kind[]) {
        const key = `${model} ${change} ${kind}`;
        const without = objectWith(model, undefined);
        const withB = objectWith(model, kind);
        const [previous, current] = change === 'add' ? [without, withB] : [withB, without];
        (['backward', 'forward'] as Direction[]).forEach((direction, i) => {
          it(`${key} is ${EXPECTED[key]![i] ? 'compatible' : 'breaking'} ${direction}`, () => {
            expect(compareSchemas(previous, current, direction).compatible).toBe(EXPECTED[key]![i]);
          });
        });
      }
    }
  }

  it('covers all 24 cells', () => {
    expect(Object.keys(EXPECTED)).toHaveLength(12);
  });
});
