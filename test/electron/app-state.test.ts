import type { MenuItemConstructorOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../app/main/menu-template.js';
import { MAX_RECENT, RecentFolders } from '../../app/main/recent-folders.js';
import { sanitizeBounds, WindowStateStore } from '../../app/main/window-state.js';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const DISPLAY = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  let appData: TempFolder;
  beforeEach(async () => void (appData = await makeTempFolder('stormsmith-appdata-')));
  afterEach(() => appData.remove());

  it('round-trips bounds and the maximized flag', async () => {
    const store = new WindowStateStore(path.join(appData.dir, 'window-state.json'));
    expect(await store.load([DISPLAY])).toBeUndefined();
    await store.save({ x: 100, y: 50, width: 1200, height: 700, maximized: true });
    expect(await store.load([DISPLAY])).toEqual({ x: 100, y: 50, width: 1200, height: 700, maximized: true });
  });

  it('drops a position that no display shows any more, keeps the size', () => {
    expect(sanitizeBounds({ x: 2500, y: 100, width: 1200, height: 700, maximized: false }, [DISPLAY])).toEqual({ width: 1200, height: 700, maximized: false });
    expect(sanitizeBounds({ x: 2500, y: 100, width: 1200, height: 700 }, [DISPLAY, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500 });
  });

  it('ignores corrupt or absurd state', async () => {
    const file = path.join(appData.dir, 'window-state.json');
    await writeFile(file, '{"width": 12');
    expect(await new WindowStateStore(file).load([DISPLAY])).toBeUndefined();
    for (const bad of [null, 'x', { width: 10, height: 10 }, { width: 1e9, height: 700 }, { width: '1200', height: 700 }]) {
      expect(sanitizeBounds(bad, [DISPLAY]), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe('recent folders', () => {
  let appData: TempFolder;
  beforeEach(async () => void (appData = await makeTempFolder('stormsmith-appdata-')));
  afterEach(() => appData.remove());

  it('keeps the most recent first, without duplicates, capped', async () => {
    const recent = new RecentFolders(path.join(appData.dir, 'recent.json'));
    await recent.add('/a');
    await recent.add('/b');
    expect(await recent.add('/a')).toEqual(['/a', '/b']);
    for (let i = 0; i < 20; i++) await recent.add(`/f${i}`);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/f19');
    expect(await recent.remove('/f19')).not.toContain('/f19');
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });
});

describe('menu', () => {
  const collect = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? collect(i.submenu) : [])]);
  const make = (recent: string[], platform: NodeJS.Platform = 'linux', devTools = false) => {
    const log: string[] = [];
    const actions: MenuActions = {
      openFolder: () => void log.push('open-folder'),
      openRecent: (f) => void log.push(`recent ${f}`),
      clearRecent: () => void log.push('clear'),
      send: (c) => void log.push(`send ${c}`),
      openExternal: (u) => void log.push(`external ${u}`),
    };
    return { items: collect(buildMenuTemplate({ platform, recent, devTools, appName: 'Stormsmith' }, actions)), log };
  };
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

  it('has open folder, recent folders, save, undo/redo, generate and export, each doing its action', () => {
    const { items, log } = make(['/repo/models']);
    const byLabel = (label: string) => items.find((i) => i.label === label);
    click(byLabel('Open Folder…'));
    click(byLabel('/repo/models'));
    click(byLabel('Clear Recent'));
    for (const label of ['Save', 'Undo', 'Redo', 'Board as PNG…', 'Board as SVG…', 'Preview Changes', 'Generate Code']) click(byLabel(label));
    expect(log).toEqual([
      'open-folder',
      'recent /repo/models',
      'clear',
      'send save',
      'send undo',
      'send redo',
      'send export-png',
      'send export-svg',
      'send preview-generation',
      'send generate',
    ]);
    expect(byLabel('Save')?.accelerator).toBe('CmdOrCtrl+S');
  });

  it('offers developer tools only in development builds', () => {
    expect(make([]).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(make([], 'linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(make([]).items.find((i) => i.label === 'No Recent Folders')?.enabled).toBe(false);
  });
});
