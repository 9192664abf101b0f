import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['node_modules/**', 'test/golden/**', '**/fixtures/**/generated/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits 1 s by default: on a loaded 2-core CI machine a browser often needs longer to
    // settle (arrows are routed in idle slices after paint). A poll still ends as soon as it holds.
    expect: { poll: { timeout: 20_000 } },
    // One private folder per run for the generated services test files share (ADR 0107).
    globalSetup: ['test/support/shared-services.global.ts'],
    // Property-based tests use fixed seeds (see test/support/fc.ts) so CI runs are reproducible.
    reporters: ['default'],
  },
});
