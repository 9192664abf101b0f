import { cp, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadGenerationEngine } from '../../app/workspace/load-generation-engine.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { makeTempFolder, type TempFolder } from './temp-folder.js';

const LIBRARY = fileURLToPath(new URL('../../models/library', import.meta.url));

describe('generation through the workspace', () => {
  let repo: TempFolder;
  let workspace: NodeWorkspace | undefined;
  beforeEach(async () => {
    repo = await makeTempFolder('stormsmith-repo-');
    await cp(LIBRARY, path.join(repo.dir, 'models', 'library'), { recursive: true });
  });
  afterEach(async () => {
    await workspace?.close();
    workspace = undefined;
    await repo.remove();
  });
  const open = async () => (workspace = await NodeWorkspace.open(path.join(repo.dir, 'models', 'library'), { watch: false, generation: await loadGenerationEngine() }));

  it('refuses to guess an output folder without stormsmith.config.json', async () => {
    const ws = await open();
    const preview = await ws.previewGeneration();
    expect(preview.ok).toBe(false);
    expect(preview.diagnostics.map((d) => d.code)).toEqual(['E_NO_OUTPUT_CONFIG']);
    expect(await readdir(path.join(repo.dir, 'models', 'library'))).not.toContain('generated');
  });

  it('previews without writing, runs, and then previews nothing to change', async () => {
    await writeFile(path.join(repo.dir, 'stormsmith.config.json'), JSON.stringify({ model: 'models/library', out: 'services/library' }));
    const ws = await open();
    const preview = await ws.previewGeneration();
    expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(preview.ok).toBe(true);
    expect(preview.files.length).toBeGreaterThan(10);
    expect(new Set(preview.files.map((f) => f.status))).toEqual(new Set(['added']));
    expect(await readdir(repo.dir)).not.toContain('services');

    const run = await ws.runGeneration();
    expect(run.ok).toBe(true);
    expect((await readdir(path.join(repo.dir, 'services', 'library'))).length).toBeGreaterThan(0);

    const after = await ws.previewGeneration();
    expect(after.files.filter((f) => f.status !== 'unchanged')).toEqual([]);
  });

  it('reports model errors as diagnostics with model-relative files, generating nothing', async () => {
    await writeFile(path.join(repo.dir, 'stormsmith.config.json'), JSON.stringify({ model: 'models/library', out: 'services/library' }));
    await writeFile(path.join(repo.dir, 'models', 'library', 'broken.yaml'), 'stormsmith: 1\ncontext: Broken\ncommands:\n  Do:\n    emits: [Nothing]\n');
    const ws = await open();
    const preview = await ws.previewGeneration();
    expect(preview.ok).toBe(false);
    expect(preview.diagnostics.some((d) => d.severity === 'error' && d.file === 'broken.yaml')).toBe(true);
    expect(preview.files).toEqual([]);
  });
});
