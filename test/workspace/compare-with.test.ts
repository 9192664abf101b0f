// WorkspaceApi.compareWith over a real folder, directly and through the studio's HTTP API: the
// generator's semantic diff (the same as `stormsmith diff --against`) of the scripted shop change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpWorkspaceClient, StudioRequestError } from '../../app/shared/http-workspace-client.js';
import type { ModelComparison } from '../../app/shared/workspace-api.js';
import { startStudioServer, type StudioServer } from '../../app/studio/studio-server.js';
import { WorkspaceError } from '../../app/workspace/errors.js';
import { NodeWorkspace } from '../../app/workspace/node-workspace.js';
import { scriptedShopChange, type ShopChange } from '../support/shop-change.js';
import { makeTempFolder, type TempFolder } from './temp-folder.js';

const names = (c: ModelComparison, change: string) =>
  c.changes.flatMap((x) => (x.change === change && 'element' in x ? [`${x.element.kind} ${x.element.context}.${x.element.name}`] : [])).sort();

describe('compareWith', () => {
  let shop: ShopChange;
  let workspace: NodeWorkspace;
  let renderer: TempFolder;
  let server: StudioServer;
  beforeAll(async () => {
    shop = scriptedShopChange({ removeProjection: true });
    // Read-only: comparing writes nothing, so it needs no writer lock.
    workspace = await NodeWorkspace.open(shop.dir, { watch: false, write: false });
    renderer = await makeTempFolder('stormsmith-dist-');
    await renderer.write('index.html', '<!doctype html>');
    server = await startStudioServer({ workspace, rendererDir: renderer.dir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await workspace.close();
    await renderer.remove();
    shop.cleanup();
  });

  it('answers the semantic diff of the saved model against the revision, with the old files', async () => {
    const c = await workspace.compareWith('main');
    expect(c.ref).toBe('main');
    expect(c.summary).toEqual({ added: 2, removed: 1, changed: 2, 'newly-published': 1 });
    expect(c.headline).toBe('2 added, 1 removed, 2 changed, 1 newly published');
    // Per change, the lines `stormsmith diff` prints for it.
    expect(c.notes[c.changes.findIndex((x) => 'element' in x && x.element.name === 'OrderShipped')]).toEqual(['~ event Ordering.OrderShipped', 'now published to other contexts']);
    expect(names(c, 'added')).toEqual(['command Ordering.ChangeShippingAddress', 'event Ordering.ShippingAddressChanged']);
    expect(names(c, 'removed')).toEqual(['projection Ordering.OrderStatus']);
    expect(names(c, 'changed')).toEqual(['event Ordering.OrderCancelled', 'event Ordering.OrderShipped']);
    const old = c.before.find((f) => f.path === 'ordering.yaml')!;
    expect(old.text).toContain('  OrderStatus:');
    expect(c.before.map((f) => f.path)).toContain('ordering.layout.yaml');
  });

  it('refuses an unknown revision, an option-like one and a folder outside git (E_GIT)', async () => {
    await expect(workspace.compareWith('no-such-branch')).rejects.toMatchObject({ code: 'E_GIT' });
    await expect(workspace.compareWith('--output=x')).rejects.toMatchObject({ code: 'E_GIT' });
    await expect(workspace.compareWith('main\nHEAD')).rejects.toBeInstanceOf(WorkspaceError);
    const plain = await makeTempFolder();
    try {
      await plain.write('lending.yaml', 'stormsmith: 1\ncontext: Lending\n');
      const ws = await NodeWorkspace.open(plain.dir, { watch: false, write: false });
      await expect(ws.compareWith('HEAD')).rejects.toMatchObject({ code: 'E_GIT' });
      await ws.close();
    } finally {
      await plain.remove();
    }
  });

  it('is served by the studio (POST /api/compare) with the same answer, and refusals as 400 E_GIT', async () => {
    const client = createHttpWorkspaceClient({ baseUrl: server.url.replace(/\/\?.*$/, ''), token: server.token });
    expect(await client.compareWith('main')).toEqual(await workspace.compareWith('main'));
    const refused = await client.compareWith('no-such-branch').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StudioRequestError);
    expect(refused).toMatchObject({ status: 400, code: 'E_GIT' });
    client.close();
  });
});
