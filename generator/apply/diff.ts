// Unified diffs for reports (hand-edited files, stale outputs), from npm `diff`.

import { createTwoFilesPatch } from 'diff';

/** A unified diff from what is on disk to what the plan wants; '' when equal. */
export function unifiedDiff(path: string, onDisk: string, planned: string): string {
  if (onDisk === planned) return '';
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, onDisk, planned, 'on disk', 'planned', { context: 3 });
}
