// The session's generation steps: a run is followed by a fresh preview (what is left to change),
// and the run's own result is kept apart from it.
import { describe, expect, it } from 'vitest';
import type { GenerationPreview } from '../../app/shared/workspace-api.js';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';
import { jsonCore } from './fake-core.js';
import { lendingContext } from './fixture.js';

/** A workspace whose generator writes everything on the first run, like the real one. */
class GeneratingWorkspace extends MemoryWorkspace {
  written = false;
  previews = 0;
  override async previewGeneration(): Promise<GenerationPreview> {
    this.previews++;
    return { ok: true, diagnostics: [], files: [{ path: 'src/a.ts', status: this.written ? 'unchanged' : 'added' }] };
  }
  override async runGeneration(): Promise<GenerationPreview> {
    const result: GenerationPreview = { ok: true, diagnostics: [], files: [{ path: 'src/a.ts', status: this.written ? 'unchanged' : 'added' }] };
    this.written = true;
    return result;
  }
}

async function open(ws: MemoryWorkspace) {
  const session = new Session(ws, jsonCore, new MemoryBackupStore());
  await session.open();
  return session;
}

describe('session generation', () => {
  it('keeps what a run wrote and previews again afterwards', async () => {
    const ws = new GeneratingWorkspace({ 'lending.yaml': `${JSON.stringify(lendingContext())}\n` });
    const session = await open(ws);
    await session.previewGeneration();
    expect(session.getState().generation?.files).toEqual([{ path: 'src/a.ts', status: 'added' }]);
    await session.runGeneration();
    const state = session.getState();
    expect(state.lastRun?.files).toEqual([{ path: 'src/a.ts', status: 'added' }]);
    expect(state.generation?.files).toEqual([{ path: 'src/a.ts', status: 'unchanged' }]);
    expect(state.notice).toEqual({ kind: 'info', text: 'Generated: 1 file written.' });
    expect(state.generating).toBe(false);
    expect(ws.previews).toBe(2);
  });

  it('does not preview after a refused run, and shows the refusal', async () => {
    const ws = new GeneratingWorkspace({ 'lending.yaml': `${JSON.stringify(lendingContext())}\n` });
    const refused: GenerationPreview = { ok: false, diagnostics: [{ code: 'E_NO_OUTPUT_CONFIG', severity: 'error', file: 'stormsmith.config.json', line: 1, col: 1, message: 'no output folder' }], files: [] };
    ws.runGeneration = async () => refused;
    const session = await open(ws);
    await session.runGeneration();
    expect(session.getState().generation).toBe(refused);
    expect(session.getState().notice?.kind).toBe('error');
    expect(ws.previews).toBe(0);
  });
});
