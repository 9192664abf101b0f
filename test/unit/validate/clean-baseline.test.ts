// The baseline snippet every rule test starts from is clean under all rules, so each rule's
// failing case differs from a passing model by exactly the edit the test makes.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../generator/model/validate/index.js';
import { CLEAN, load } from './helpers.js';

describe('the clean baseline', () => {
  it('has no diagnostics at all', () => {
    expect(validateModel(load(CLEAN))).toEqual([]);
  });
});
