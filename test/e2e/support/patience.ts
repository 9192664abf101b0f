// How long end-to-end steps may take. CI runs these on a shared, loaded 2-core machine, where a
// render or a save can take seconds: every wait is on a condition (never a fixed sleep) and
// generous, but bounded, so a real hang still fails with the step that hung.

import { vi } from 'vitest';

/** One UI step (a locator wait, a click's actionability). */
export const STEP_TIMEOUT_MS = 20_000;
/** Generation reads the model and plans (or writes) a whole service. */
export const GENERATION_TIMEOUT_MS = 60_000;

/**
 * vitest's expect.poll gives up after 1 s by default, far too little under load; raise it for
 * the calling test file (call from beforeAll).
 */
export function usePatientPolls(): void {
  vi.setConfig({ expect: { poll: { timeout: STEP_TIMEOUT_MS, interval: 50 } } });
}
