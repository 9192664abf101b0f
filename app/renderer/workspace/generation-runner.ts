// Preview and run generation for the session: one request at a time, the answer into the
// session's state (`generation`, `lastRun`, `generating`), failures as a notice.

import type { GenerationPreview, WorkspaceApi } from '../../shared/workspace-api.js';

export interface GenerationState {
  generation?: GenerationPreview;
  /** What the last run of generation did (the panel then shows a fresh preview of what is left). */
  lastRun?: GenerationPreview;
  /** A preview or run is in flight. */
  generating: boolean;
  notice?: { kind: 'info' | 'refused' | 'error'; text: string };
}

export class GenerationRunner {
  constructor(
    private readonly api: Pick<WorkspaceApi, 'previewGeneration' | 'runGeneration'>,
    private readonly get: () => GenerationState,
    private readonly set: (patch: Partial<GenerationState>) => void,
  ) {}

  async preview(): Promise<void> {
    if (this.get().generating) return;
    this.set({ generating: true });
    try {
      this.set({ generation: await this.api.previewGeneration() });
    } catch (error) {
      this.set({ notice: { kind: 'error', text: `Preview failed: ${messageOf(error)}` } });
    } finally {
      this.set({ generating: false });
    }
  }

  /**
   * Runs generation, then previews again: the panel shows what is left to change (nothing, when
   * the run wrote everything), while `lastRun` keeps what the run itself did.
   */
  async run(): Promise<void> {
    if (this.get().generating) return;
    this.set({ generating: true });
    try {
      const run = await this.api.runGeneration();
      const written = run.files.filter((f) => f.status !== 'unchanged').length;
      this.set({
        lastRun: run,
        generation: run,
        notice: run.ok ? { kind: 'info', text: `Generated: ${written} ${written === 1 ? 'file' : 'files'} written.` } : { kind: 'error', text: 'Generation refused: see the generation panel.' },
      });
      if (run.ok) this.set({ generation: await this.api.previewGeneration() });
    } catch (error) {
      this.set({ notice: { kind: 'error', text: `Generation failed: ${messageOf(error)}` } });
    } finally {
      this.set({ generating: false });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
