// Finds the generator for preview/run. The planner (generator/plan.ts) and the writer
// (generator/apply/) are built in parallel; until both exist this returns an engine that says
// so honestly instead of faking a preview.

import { unavailableEngine, type GenerationEngine } from './generation-engine.js';

export async function loadGenerationEngine(): Promise<GenerationEngine> {
  return unavailableEngine('the generator (generator/plan.ts, generator/apply) is not part of this build yet');
}
