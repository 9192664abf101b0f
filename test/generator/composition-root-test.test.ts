// The generated composition-root test starts only the processor of the policy it exercises
// (issue 17 item 9): starting every processor ran unrelated read models and policies, whose stubs
// threw and retried, filling the output with their logs (measured on the shop with one unrelated
// stub: 4739 bytes of output with two retry log lines, 623 bytes without).
import { describe, expect, it } from 'vitest';
import { planExample } from '../generated-project/support.js';

describe('composition-root test', () => {
  it.each([
    ['shop', 'ordering:cancel-when-payment-fails'],
    ['library', 'lending:remind-when-due'],
  ])('of %s starts only %s', async (example, processorId) => {
    const text = (await planExample(example)).get('test/composition-root.pg.test.ts')!.contents;
    expect(text).toContain(`service.start(['${processorId}']);`);
    expect(text).not.toContain('service.start();');
  });
});
