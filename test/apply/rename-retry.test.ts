import { describe, expect, it } from 'vitest';
import { retryingRename } from '../../generator/apply/fs-facade.js';

const fail = (code: string) => Object.assign(new Error(code), { code });

describe('rename on a briefly locked file (Windows EPERM/EBUSY)', () => {
  it('retries transient lock errors with growing waits, then succeeds', () => {
    const waits: number[] = [];
    let calls = 0;
    const rename = retryingRename(() => {
      if (++calls < 4) throw fail(calls === 2 ? 'EPERM' : 'EBUSY');
    }, (ms) => waits.push(ms));
    rename('a', 'b');
    expect(calls).toBe(4);
    expect(waits).toEqual([10, 20, 40]);
  });

  it('gives up after its time budget with the original error', () => {
    const waits: number[] = [];
    const rename = retryingRename(() => {
      throw fail('EBUSY');
    }, (ms) => waits.push(ms), 2_000);
    expect(() => rename('a', 'b')).toThrow('EBUSY');
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2_000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(3_100);
  });

  it('does not retry other errors', () => {
    let calls = 0;
    const rename = retryingRename(() => {
      calls++;
      throw fail('ENOENT');
    }, () => undefined);
    expect(() => rename('a', 'b')).toThrow('ENOENT');
    expect(calls).toBe(1);
  });
});
