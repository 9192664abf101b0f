// Native menu commands map onto the action registry and respect its enabled rules.
import { describe, expect, it } from 'vitest';
import { ACTIONS, type ActionHost } from '../../app/renderer/model/actions.js';
import { MENU_COMMAND_ACTIONS, runMenuCommand } from '../../app/renderer/model/menu-commands.js';
import { MENU_COMMANDS } from '../../app/shared/ipc-contract.js';

/** A host that records what ran; undo is possible only when `canUndo`. */
function recordingHost(canUndo: boolean) {
  const ran: string[] = [];
  const host = new Proxy({} as ActionHost, {
    get: (_t, key: string) => {
      if (key === 'canUndo') return () => canUndo;
      if (key === 'canRedo' || key === 'isDirty') return () => false;
      if (key === 'selectionSize') return () => 0;
      return () => void ran.push(key);
    },
  });
  return { host, ran };
}

describe('native menu commands', () => {
  it('every menu command names a registry action', () => {
    const ids = new Set(ACTIONS.map((a) => a.id));
    for (const command of MENU_COMMANDS) expect(ids.has(MENU_COMMAND_ACTIONS[command]), command).toBe(true);
  });

  it('runs the action of the command', () => {
    const { host, ran } = recordingHost(true);
    expect(runMenuCommand('save', host)).toBe(true);
    expect(runMenuCommand('generate', host)).toBe(true);
    expect(runMenuCommand('preview-generation', host)).toBe(true);
    expect(runMenuCommand('zoom-to-fit', host)).toBe(true);
    expect(runMenuCommand('find', host)).toBe(true);
    expect(runMenuCommand('export-png', host)).toBe(true);
    expect(runMenuCommand('undo', host)).toBe(true);
    expect(ran).toEqual(['save', 'runGeneration', 'previewGeneration', 'fitView', 'search', 'exportPng', 'undo']);
  });

  it('skips a disabled action and ignores unknown commands', () => {
    const { host, ran } = recordingHost(false);
    expect(runMenuCommand('undo', host)).toBe(false);
    expect(runMenuCommand('redo', host)).toBe(false);
    expect(runMenuCommand('toString', host)).toBe(false);
    expect(runMenuCommand('rm-rf', host)).toBe(false);
    expect(ran).toEqual([]);
  });
});
