// Native menu commands (sent by the Electron main process) run through the same action registry
// as the canvas's own menus, shortcuts and command palette: one implementation per action.

import type { MenuCommand } from '../../shared/ipc-contract.js';
import { ACTIONS, isEnabled, type Action, type ActionHost } from './actions.js';

/** The registry action each native menu command runs. */
export const MENU_COMMAND_ACTIONS: Readonly<Record<MenuCommand, string>> = {
  save: 'file.save',
  undo: 'edit.undo',
  redo: 'edit.redo',
  'export-png': 'file.exportPng',
  'export-svg': 'file.exportSvg',
  'preview-generation': 'generate.preview',
  generate: 'generate.run',
  find: 'view.search',
  'zoom-to-fit': 'view.fit',
  compare: 'view.compare',
};

/**
 * Runs the action of a menu command when it is enabled (the native menu cannot know, e.g., that
 * there is nothing to undo). Returns whether it ran; unknown commands are ignored.
 */
export function runMenuCommand(command: string, host: ActionHost, actions: readonly Action[] = ACTIONS): boolean {
  const id = Object.hasOwn(MENU_COMMAND_ACTIONS, command) ? MENU_COMMAND_ACTIONS[command as MenuCommand] : undefined;
  const action = id ? actions.find((a) => a.id === id) : undefined;
  if (!action || !isEnabled(action, host)) return false;
  action.run(host);
  return true;
}
