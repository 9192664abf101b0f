// The one registry of board actions. The canvas's menus, keyboard shortcuts, command palette and
// toolbar, and the desktop app's native menu (app/main/menu-template.ts: its accelerators are
// these shortcuts) are all built from this list, so an action has one label, one shortcut and
// one implementation. Pure data and functions: the Electron main process imports it too.

import type { ElementKind } from '../../../generator/model/types.js';
import { PALETTE_KINDS, STICKY_STYLES } from './kinds.js';
import { matchShortcut, type KeyInput } from './shortcuts.js';

/** What actions can do to the board; implemented by the React app (and by fakes in tests). */
export interface ActionHost {
  canUndo(): boolean;
  canRedo(): boolean;
  selectionSize(): number;
  isDirty(): boolean;
  undo(): void;
  redo(): void;
  save(): void;
  copy(): void;
  paste(): void;
  deleteSelection(): void;
  selectAll(): void;
  connectSelected(): void;
  rename(): void;
  addSticky(kind: ElementKind): void;
  /** Ask for a name and add a new bounded context (one new file). */
  newContext(): void;
  /** Move the selected stickies by (dx, dy) board pixels, as one saved, undoable step. */
  nudge(dx: number, dy: number): void;
  /** The `?` overlay: every shortcut and mouse gesture. */
  showShortcuts(): void;
  autoLayout(): void;
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  search(): void;
  commandPalette(): void;
  exportSvg(): void;
  exportPng(): void;
  previewGeneration(): void;
  runGeneration(): void;
  showProblems(): void;
  /** Comparison mode is on (the board shows changes against a git revision). */
  isComparing(): boolean;
  /** Ask for a git revision and show the board's changes against it. */
  compare(): void;
  leaveComparison(): void;
}

export type MenuName = 'File' | 'Edit' | 'View' | 'Board' | 'Generate';
export const MENUS: readonly MenuName[] = ['File', 'Edit', 'View', 'Board', 'Generate'];

export interface Action {
  id: string;
  label: string;
  menu: MenuName;
  /** Shortcuts, first one shown in menus. Plain keys only fire when no text field has focus. */
  shortcuts?: string[];
  /** Runs even while typing in a text field (e.g. Save). */
  global?: boolean;
  enabled?: (host: ActionHost) => boolean;
  /** Why the action is disabled, shown in the command palette so it can be discovered. */
  disabledReason?: string;
  run: (host: ActionHost) => void;
}

const hasSelection = (h: ActionHost) => h.selectionSize() > 0;

/** Board pixels an arrow key moves the selection. */
export const NUDGE = 20;

export const ACTIONS: readonly Action[] = [
  { id: 'file.save', label: 'Save', menu: 'File', shortcuts: ['Mod+S'], global: true, run: (h) => h.save() },
  { id: 'file.exportSvg', label: 'Export board as SVG', menu: 'File', run: (h) => h.exportSvg() },
  { id: 'file.exportPng', label: 'Export board as PNG', menu: 'File', run: (h) => h.exportPng() },
  { id: 'edit.undo', label: 'Undo', menu: 'Edit', shortcuts: ['Mod+Z'], enabled: (h) => h.canUndo(), disabledReason: 'Nothing to undo', run: (h) => h.undo() },
  { id: 'edit.redo', label: 'Redo', menu: 'Edit', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], enabled: (h) => h.canRedo(), disabledReason: 'Nothing to redo', run: (h) => h.redo() },
  { id: 'edit.copy', label: 'Copy', menu: 'Edit', shortcuts: ['Mod+C'], enabled: hasSelection, disabledReason: 'Select stickies first', run: (h) => h.copy() },
  { id: 'edit.paste', label: 'Paste', menu: 'Edit', shortcuts: ['Mod+V'], run: (h) => h.paste() },
  { id: 'edit.delete', label: 'Delete selection…', menu: 'Edit', shortcuts: ['Delete', 'Backspace'], enabled: hasSelection, disabledReason: 'Select stickies or an arrow first', run: (h) => h.deleteSelection() },
  { id: 'edit.selectAll', label: 'Select all', menu: 'Edit', shortcuts: ['Mod+A'], run: (h) => h.selectAll() },
  { id: 'edit.rename', label: 'Rename', menu: 'Edit', shortcuts: ['F2'], enabled: (h) => h.selectionSize() === 1, disabledReason: 'Select exactly one sticky (or double-click its name)', run: (h) => h.rename() },
  { id: 'board.newContext', label: 'New bounded context…', menu: 'Board', run: (h) => h.newContext() },
  { id: 'board.connect', label: 'Connect selected (first → second)', menu: 'Board', shortcuts: ['Mod+J'], enabled: (h) => h.selectionSize() === 2, disabledReason: 'Select two stickies, first the source then the target (Ctrl/Cmd-click), or drag from a sticky\'s right handle', run: (h) => h.connectSelected() },
  ...PALETTE_KINDS.map(
    (kind): Action => ({
      id: `board.add.${kind}`,
      label: `Add ${STICKY_STYLES[kind].label.toLowerCase()}`,
      menu: 'Board',
      shortcuts: [STICKY_STYLES[kind].key],
      run: (h) => h.addSticky(kind),
    }),
  ),
  ...(
    [
      ['Left', -1, 0],
      ['Right', 1, 0],
      ['Up', 0, -1],
      ['Down', 0, 1],
    ] as const
  ).map(
    ([dir, x, y]): Action => ({
      id: `board.move${dir}`,
      label: `Move selection ${dir.toLowerCase()}`,
      menu: 'Board',
      shortcuts: [`Arrow${dir}`],
      enabled: hasSelection,
      disabledReason: 'Select stickies first',
      run: (h) => h.nudge(x * NUDGE, y * NUDGE),
    }),
  ),
  { id: 'board.autoLayout', label: 'Auto-layout', menu: 'Board', shortcuts: ['Mod+Shift+L'], run: (h) => h.autoLayout() },
  { id: 'view.fit', label: 'Zoom to fit', menu: 'View', shortcuts: ['f', 'Mod+0'], run: (h) => h.fitView() },
  { id: 'view.zoomIn', label: 'Zoom in', menu: 'View', shortcuts: ['Mod+='], run: (h) => h.zoomIn() },
  { id: 'view.zoomOut', label: 'Zoom out', menu: 'View', shortcuts: ['Mod+-'], run: (h) => h.zoomOut() },
  { id: 'view.search', label: 'Find element…', menu: 'View', shortcuts: ['Mod+F'], global: true, run: (h) => h.search() },
  { id: 'view.palette', label: 'Command palette…', menu: 'View', shortcuts: ['Mod+K', 'Mod+Shift+P'], global: true, run: (h) => h.commandPalette() },
  { id: 'view.shortcuts', label: 'Keyboard shortcuts', menu: 'View', shortcuts: ['?'], run: (h) => h.showShortcuts() },
  { id: 'view.compare', label: 'Compare with git revision…', menu: 'View', run: (h) => h.compare() },
  { id: 'view.leaveComparison', label: 'Leave comparison', menu: 'View', enabled: (h) => h.isComparing(), disabledReason: 'The board is not compared with a revision', run: (h) => h.leaveComparison() },
  { id: 'view.problems', label: 'Show problems', menu: 'View', shortcuts: ['Mod+Shift+M'], run: (h) => h.showProblems() },
  { id: 'generate.preview', label: 'Preview generation', menu: 'Generate', shortcuts: ['Mod+Shift+G'], run: (h) => h.previewGeneration() },
  { id: 'generate.run', label: 'Run generate', menu: 'Generate', run: (h) => h.runGeneration() },
];

export const isEnabled = (a: Action, h: ActionHost): boolean => a.enabled?.(h) ?? true;

/** Why `a` cannot run now (undefined when it can). */
export const whyDisabled = (a: Action, h: ActionHost): string | undefined => (isEnabled(a, h) ? undefined : (a.disabledReason ?? 'Not available now'));

/** The action a key press triggers, if any. `typing`: focus is in a text field. */
export function actionForKey(e: KeyInput, typing: boolean, isMac: boolean, actions: readonly Action[] = ACTIONS): Action | undefined {
  return actions.find((a) => (a.global || !typing) && (a.shortcuts ?? []).some((s) => matchShortcut(e, s, isMac)));
}

/** Command palette filter: every word of the query appears in the label (case-insensitive). */
export function searchActions(query: string, actions: readonly Action[] = ACTIONS): Action[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return actions.filter((a) => words.every((w) => a.label.toLowerCase().includes(w) || a.menu.toLowerCase().includes(w)));
}
