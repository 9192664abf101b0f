// The native menu as data. Canvas actions (save, undo, export, generate, ...) are sent to the
// renderer, whose one action registry runs them; their accelerators come from that registry
// (app/renderer/model/actions.ts), so a key does the same in the menu and on the canvas.
// Text-editing roles stay native so the property panel's inputs behave as expected.

import type { MenuItemConstructorOptions } from 'electron';
import { ACTIONS } from '../renderer/model/actions.js';
import { MENU_COMMAND_ACTIONS } from '../renderer/model/menu-commands.js';
import { menuAccelerator } from '../renderer/model/shortcuts.js';
import type { MenuCommand } from '../shared/ipc-contract.js';

/** The accelerator of the registry action a menu command runs (none for plain-key shortcuts). */
export function commandAccelerator(command: MenuCommand): string | undefined {
  return menuAccelerator(ACTIONS.find((a) => a.id === MENU_COMMAND_ACTIONS[command])?.shortcuts);
}

export interface MenuActions {
  openFolder(): void;
  openRecent(folder: string): void;
  clearRecent(): void;
  send(command: MenuCommand): void;
  openExternal(url: string): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  recent: string[];
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
  appName: string;
}

export const HELP_URL = 'https://github.com/stormsmith/stormsmith#readme';

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = commandAccelerator(cmd);
    return { label, ...(accelerator ? { accelerator } : {}), click: () => actions.send(cmd) };
  };
  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Folders', enabled: false }]
      : [
          ...options.recent.map((folder) => ({ label: folder, click: () => actions.openRecent(folder) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  return [
    ...(mac ? [{ label: options.appName, submenu: [{ role: 'about' as const }, { type: 'separator' as const }, { role: 'hide' as const }, { role: 'quit' as const }] }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        command('Save', 'save'),
        { label: 'Export', submenu: [command('Board as PNG…', 'export-png'), command('Board as SVG…', 'export-svg')] },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo'),
        command('Redo', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find Element…', 'find'),
      ],
    },
    {
      label: 'Generate',
      submenu: [command('Preview Changes', 'preview-generation'), command('Generate Code', 'generate')],
    },
    {
      label: 'View',
      submenu: [
        command('Zoom to Fit', 'zoom-to-fit'),
        command('Compare with Git Revision…', 'compare'),
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { label: 'Help', submenu: [{ label: 'Stormsmith Documentation', click: () => actions.openExternal(HELP_URL) }] },
  ];
}
