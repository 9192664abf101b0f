// When loadModelFromDisk uses loader workers by itself: only for big models, and only as many
// as there are idle cores (the machine's load average counts this process too).
import { describe, expect, it } from 'vitest';
import { autoWorkers, PARALLEL_MIN_BYTES } from '../../generator/io/load-model-from-disk.js';
import type { SourceFile } from '../../generator/model/types.js';

const file = (path: string, size: number): SourceFile => ({ path, text: 'x'.repeat(size) });
const big = [file('a.yaml', PARALLEL_MIN_BYTES / 2), file('b.yaml', PARALLEL_MIN_BYTES / 2)];

describe('autoWorkers', () => {
  it('uses no worker below the size floor, however idle the machine', () => {
    expect(autoWorkers([file('a.yaml', PARALLEL_MIN_BYTES - 1)], 8, 0)).toBe(0);
  });

  it('does not count layout sidecars towards the floor', () => {
    expect(autoWorkers([file('a.yaml', 10), file('a.layout.yaml', PARALLEL_MIN_BYTES)], 8, 0)).toBe(0);
  });

  it('uses the idle cores of an idle machine, keeping one for this thread', () => {
    expect(autoWorkers(big, 2, 0.2)).toBe(1);
    expect(autoWorkers(big, 8, 1)).toBe(7);
    expect(autoWorkers(big, 8, 3.5)).toBe(4);
  });

  it('uses no worker when other processes keep every core busy', () => {
    expect(autoWorkers(big, 2, 2)).toBe(0);
    expect(autoWorkers(big, 2, 6)).toBe(0);
  });

  it('uses no worker on one core', () => {
    expect(autoWorkers(big, 1, 0)).toBe(0);
  });
});
