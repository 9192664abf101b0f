// WorkspaceApi.openBoard (ADR 0044): the board in one answer, loaded and validated by the
// workspace. What the canvas builds from a snapshot (delivered as JSON, as the studio sends it)
// must be exactly what it builds by parsing the files itself, and it must parse nothing at open.
import { readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { modelCore } from '../../app/renderer/workspace/core.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import type { ModelCore } from '../../app/renderer/workspace/model-core.js';
import { Session } from '../../app/renderer/workspace/session.js';
import type { BoardSnapshot } from '../../app/shared/workspace-api.js';
import { BoardLoader } from '../../app/workspace/board-loader.js';
import { contentHash } from '../../app/workspace/content-hash.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { loadModel, validateModel } from '../../generator/model/index.js';
import { makeTempFolder, type TempFolder } from './temp-folder.js';

const EXAMPLES = path.join(import.meta.dirname, '../../models');

/** An example folder plus a file the loader refuses in part and a context with validation errors. */
async function boardFolder(example: string, extra: Record<string, string> = {}): Promise<TempFolder> {
  const folder = await makeTempFolder('stormsmith-board-');
  await cp(path.join(EXAMPLES, example), folder.dir, { recursive: true });
  for (const [p, text] of Object.entries(extra)) await folder.write(p, text);
  return folder;
}

const BROKEN_BITS = {
  // Unknown key, a reference to nothing, a comment: load diagnostics and validation errors.
  'zz-odd.yaml': 'stormsmith: 1\ncontext: Odd\n# a comment\ncommands:\n  DoIt:\n    aggregate: Nowhere\n    colour: blue\n',
  'zz-odd.layout.yaml': 'DoIt: { x: 10, y: 20 }\n',
  // Not YAML at all.
  'zz-syntax.yaml': 'stormsmith: 1\ncontext: [unclosed\n',
};

/** A core that counts what the canvas parses and validates itself. */
function counting(): { core: ModelCore; loads: string[]; validations: number } {
  const seen = { loads: [] as string[], validations: 0 };
  const core: ModelCore = {
    ...modelCore,
    load: (files) => {
      seen.loads.push(...files.map((f) => f.path));
      return modelCore.load(files);
    },
    validate: (model) => {
      seen.validations++;
      return modelCore.validate(model);
    },
  };
  return { core, get loads() { return seen.loads; }, get validations() { return seen.validations; } };
}

/** A workspace over the files of `snapshot` that offers the snapshot, as the studio does (JSON). */
class SnapshotWorkspace extends MemoryWorkspace {
  constructor(private readonly snapshot: BoardSnapshot) {
    super(Object.fromEntries(snapshot.files.map((f) => [f.path, f.text])));
  }
  openBoard = async (): Promise<BoardSnapshot> => JSON.parse(JSON.stringify(this.snapshot)) as BoardSnapshot;
}

describe('board snapshot', () => {
  let folder: TempFolder;
  let workspace: NodeWorkspace | undefined;
  afterEach(async () => {
    await workspace?.close();
    workspace = undefined;
    await folder.remove();
  });

  for (const [example, extra] of readdirSync(EXAMPLES).flatMap((e) => [[e, {}], [e, BROKEN_BITS]] as const)) {
    const broken = extra === BROKEN_BITS;
    it(`${example}${broken ? ' with broken files' : ''}: the snapshot, through JSON, is what the canvas computes from the texts`, async () => {
      folder = await boardFolder(example, extra);
      workspace = await NodeWorkspace.open(folder.dir, { watch: false, write: false });
      const snapshot = JSON.parse(JSON.stringify(await workspace.openBoard())) as BoardSnapshot;
      expect(snapshot.info).toEqual(await workspace.info());
      expect(snapshot.files).toEqual(await Promise.all((await workspace.listModels()).map((f) => workspace!.readModel(f.path))));
      expect(snapshot.loads).toEqual(snapshot.files.map((f) => loadModel([{ path: f.path, text: f.text }])));
      // The session over the same texts, parsing them itself: the same model and diagnostics.
      const parsed = new Session(new MemoryWorkspace(Object.fromEntries(snapshot.files.map((f) => [f.path, f.text]))), modelCore, new MemoryBackupStore());
      await parsed.open();
      const all = loadModel(snapshot.files.map((f) => ({ path: f.path, text: f.text })));
      expect(snapshot.validation).toEqual(validateModel(all.model!));
      if (broken) expect(snapshot.validation!.some((d) => d.severity === 'error')).toBe(true);
      const counted = counting();
      const fromSnapshot = new Session(new SnapshotWorkspace(snapshot), counted.core, new MemoryBackupStore());
      await fromSnapshot.open();
      // Nothing parsed or validated in the canvas, except where it must: a file that is not
      // YAML has no context to hold its text, so the texts differ from the snapshot's.
      expect(counted.loads).toEqual([]);
      expect(counted.validations).toBe(broken ? 1 : 0);
      const [a, b] = [parsed.getState(), fromSnapshot.getState()];
      expect(b.status).toBe(a.status);
      expect(b.notice).toEqual(a.notice);
      expect(b.model).toEqual(a.model);
      expect(b.diagnostics).toEqual(a.diagnostics);
      expect(b.diagnosticTargets).toEqual(a.diagnosticTargets);
      expect(b.problems).toEqual(a.problems);
      expect([...b.dirty]).toEqual([]);
    });
  }

  it('an edit after opening from a snapshot validates again and parses only the edited file', async () => {
    folder = await boardFolder('shop');
    workspace = await NodeWorkspace.open(folder.dir, { watch: false });
    const counted = counting();
    const ws = new SnapshotWorkspace(JSON.parse(JSON.stringify(await workspace.openBoard())) as BoardSnapshot);
    const session = new Session(ws, counted.core, new MemoryBackupStore());
    await session.open();
    const ctx = session.getState().model.contexts.find((c) => c.file === 'payments.yaml')!;
    expect(session.apply({ type: 'update', ref: { context: ctx.name, kind: 'aggregate', name: ctx.aggregates[0]!.name }, set: { description: 'Edited.' } })).toBe(true);
    expect(counted.validations).toBe(1);
    // The serializer's self-check reads the new text back too; no other file is parsed.
    expect(new Set(counted.loads)).toEqual(new Set(['payments.yaml']));
    expect([...session.getState().dirty]).toEqual(['payments.yaml']);
    expect(await session.save()).toBe(true);
    expect(ws.text('payments.yaml')).toMatch(/Edited\./);
  });

});

describe('BoardLoader', () => {
  const files = (texts: Record<string, string>) => Object.entries(texts).map(([p, text]) => ({ path: p, text, hash: contentHash(text) }));
  const shop = Object.fromEntries(readdirSync(path.join(EXAMPLES, 'shop')).map((f) => [f, readFileSync(path.join(EXAMPLES, 'shop', f), 'utf8')]));

  it('remembers loads by content hash: an unchanged board parses nothing, a changed file only itself', async () => {
    const loader = new BoardLoader();
    const first = await loader.load(files(shop));
    const again = await loader.load(files(shop));
    expect(again.loads.every((r, i) => r === first.loads[i])).toBe(true);
    expect(again.validation).toBe(first.validation);
    const edited = { ...shop, 'payments.yaml': `${shop['payments.yaml']}# edited\n` };
    const third = await loader.load(files(edited));
    const paths = Object.keys(edited);
    expect(paths.filter((p, i) => third.loads[i] !== first.loads[i])).toEqual(['payments.yaml']);
    expect(third.validation).not.toBe(first.validation);
    expect(third.validation).toEqual(first.validation);
  });
});
