// Issue 19 item 4 and 8: numbers in a model drive generated code size; they are bounded, and a
// number YAML would round is refused instead of silently changed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../generated-project/support.js';
import { loadModel } from '../../generator/model/load.js';

const LENDING = fs.readFileSync(path.join(REPO_ROOT, 'models/library/lending.yaml'), 'utf8');

/** models/library's Lending with another retry section and its first event at `version`. */
const model = (architecture: string, version = '1') =>
  loadModel([{ path: 'lending.yaml', text: LENDING.replace('  retry:\n    attempts: 5\n    backoff: exponential', architecture).replace('version: 1', `version: ${version}`) }]);

const codes = (r: ReturnType<typeof model>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('bounded numbers in the model', () => {
  it.each([
    ['attempts: 2147483648', 'E_TYPE'],
    ['attempts: 10000000', 'E_TYPE'],
    ['attempts: 101', 'E_TYPE'],
    ['attempts: 0\n    backoff: 2m', 'E_VALUE'],
    ['attempts: 3\n    backoff: sometimes', 'E_VALUE'],
    ['attempts: 3\n    backoff: 61s', 'E_VALUE'],
  ])('retry %s is refused (%s)', (retry, code) => {
    expect(codes(model(`  retry:\n    ${retry}`))).toContain(code);
  });

  it.each(['attempts: 100', 'attempts: 0\n    backoff: none', 'attempts: 3\n    backoff: 200ms', 'attempts: 3\n    backoff: 60s', 'attempts: 3\n    backoff: Exponential'])('retry %s is accepted', (retry) => {
    expect(codes(model(`  retry:\n    ${retry}`))).toEqual([]);
  });

  it('an event version beyond the safe integers is refused, not rounded', () => {
    const result = model('  retry:\n    attempts: 3', '9007199254740993');
    expect(codes(result)).toContain('E_TYPE');
    expect(result.diagnostics.map((d) => d.message).join('\n')).toContain('9007199254740993');
  });
});
