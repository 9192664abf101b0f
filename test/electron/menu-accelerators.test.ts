// The native menu and the canvas share one action registry: pressing a native menu item's
// accelerator on the canvas runs the same action the menu item runs (it used to differ:
// Ctrl/Cmd+Shift+G generated code from the menu but previewed on the canvas; Ctrl/Cmd+Shift+P
// previewed from the menu but opened the command palette on the canvas).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../app/main/menu-template.js';
import { ACTIONS, actionForKey } from '../../app/renderer/model/actions.js';
import { MENU_COMMAND_ACTIONS } from '../../app/renderer/model/menu-commands.js';
import type { KeyInput } from '../../app/renderer/model/shortcuts.js';
import type { MenuCommand } from '../../app/shared/ipc-contract.js';

const collect = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? collect(i.submenu) : [])]);

/** The menu items with what each one does: the command it sends to the canvas, or a main-process action. */
function menu(platform: NodeJS.Platform) {
  let sent: MenuCommand | 'main' | undefined;
  const actions = { openFolder: () => void (sent = 'main'), openRecent: () => void (sent = 'main'), clearRecent: () => void (sent = 'main'), send: (c: MenuCommand) => void (sent = c), openExternal: () => void (sent = 'main') };
  return collect(buildMenuTemplate({ platform, recent: ['/r'], devTools: true, appName: 'Stormsmith' }, actions))
    .filter((i) => typeof i.click === 'function')
    .map((item) => {
      sent = undefined;
      (item.click as () => void)();
      return { label: item.label!, accelerator: item.accelerator as string | undefined, does: sent! };
    });
}

/** The key press an Electron accelerator stands for, on a platform. */
function keyOf(accelerator: string, isMac: boolean): KeyInput {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const mod = parts.includes('CmdOrCtrl');
  return { key: key.toLowerCase(), ctrlKey: (mod && !isMac) || parts.includes('Ctrl'), metaKey: (mod && isMac) || parts.includes('Cmd'), shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt') };
}

describe.each(['linux', 'win32', 'darwin'] as const)('native menu accelerators on %s', (platform) => {
  const isMac = platform === 'darwin';
  const items = menu(platform);

  it('each accelerator runs on the canvas the action its menu item runs; main-only items use keys the canvas leaves free', () => {
    const withKeys = items.filter((i) => i.accelerator);
    expect(withKeys.length).toBeGreaterThanOrEqual(7);
    for (const item of withKeys) {
      const onCanvas = actionForKey(keyOf(item.accelerator!, isMac), false, isMac)?.id;
      const expected = item.does === 'main' ? undefined : MENU_COMMAND_ACTIONS[item.does];
      expect({ item: item.label, key: item.accelerator, onCanvas }).toEqual({ item: item.label, key: item.accelerator, onCanvas: expected });
    }
  });

  it('every menu command whose action has a Ctrl/Cmd shortcut shows it as its accelerator', () => {
    for (const item of items) {
      const does = item.does;
      if (does === 'main') continue;
      const action = ACTIONS.find((a) => a.id === MENU_COMMAND_ACTIONS[does])!;
      const modShortcut = action.shortcuts?.find((s) => s.startsWith('Mod+'));
      expect({ item: item.label, accelerator: item.accelerator }).toEqual({ item: item.label, accelerator: modShortcut?.replace('Mod', 'CmdOrCtrl') });
    }
  });

  it('Ctrl/Cmd+Shift+G previews everywhere; Ctrl/Cmd+Shift+P is the command palette, not a menu item', () => {
    expect(items.find((i) => i.accelerator === 'CmdOrCtrl+Shift+G')?.does).toBe('preview-generation');
    expect(actionForKey(keyOf('CmdOrCtrl+Shift+G', isMac), false, isMac)?.id).toBe('generate.preview');
    expect(items.find((i) => i.accelerator === 'CmdOrCtrl+Shift+P')).toBeUndefined();
    expect(actionForKey(keyOf('CmdOrCtrl+Shift+P', isMac), false, isMac)?.id).toBe('view.palette');
    // Writing files has no accelerator: it is a deliberate menu or palette choice.
    expect(items.find((i) => i.does === 'generate')?.accelerator).toBeUndefined();
  });
});
