// What the workspace needs from the generator to preview and run generation for its folder.
// The generator and the apply step are built in parallel by other modules; until they are
// wired in, the workspace answers with an honest "not available" preview, never a fake one.

import type { GenerationPreview } from '../shared/workspace-api.js';

export interface GenerationEngine {
  preview(realRoot: string): Promise<GenerationPreview>;
  run(realRoot: string): Promise<GenerationPreview>;
}

export const unavailablePreview = (detail: string): GenerationPreview => ({
  ok: false,
  diagnostics: [
    {
      code: 'E_GENERATOR_UNAVAILABLE',
      severity: 'error',
      file: '',
      line: 1,
      col: 1,
      message: `generation is not available in this build: ${detail}`,
      hint: 'run `stormsmith generate` from a build that includes the generator',
    },
  ],
  files: [],
});

export const unavailableEngine = (detail: string): GenerationEngine => ({
  preview: async () => unavailablePreview(detail),
  run: async () => unavailablePreview(detail),
});
