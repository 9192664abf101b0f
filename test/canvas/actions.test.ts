import { describe, expect, it } from 'vitest';
import { ACTIONS, actionForKey, isEnabled, MENUS, searchActions, type ActionHost } from '../../app/renderer/model/actions.js';
import { matchShortcut, shortcutLabel } from '../../app/renderer/model/shortcuts.js';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

/** A host that records which of its methods ran. */
function recordingHost(over: Partial<ActionHost> = {}): { host: ActionHost; calls: string[] } {
  const calls: string[] = [];
  const host = new Proxy({} as ActionHost, {
    get(_t, prop: string) {
      if (prop in over) return (over as Record<string, unknown>)[prop];
      if (prop === 'canUndo' || prop === 'canRedo' || prop === 'isDirty') return () => true;
      if (prop === 'selectionSize') return () => 1;
      return (...args: unknown[]) => calls.push(args.length ? `${prop}(${args.join(',')})` : prop);
    },
  });
  return { host, calls };
}

describe('action registry', () => {
  it('has unique ids and no shortcut bound twice', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    const all = ACTIONS.flatMap((a) => a.shortcuts ?? []);
    expect(new Set(all).size).toBe(all.length);
    for (const a of ACTIONS) expect(MENUS).toContain(a.menu);
  });

  it('maps keys to the action that the menus show', () => {
    const { host, calls } = recordingHost();
    actionForKey(key('z', { ctrl: true }), false, false)!.run(host);
    actionForKey(key('Z', { ctrl: true, shift: true }), false, false)!.run(host);
    actionForKey(key('z', { meta: true }), false, true)!.run(host);
    actionForKey(key('e'), false, false)!.run(host);
    actionForKey(key('Delete'), false, false)!.run(host);
    expect(calls).toEqual(['undo', 'redo', 'undo', 'addSticky(event)', 'deleteSelection']);
  });

  it('ignores plain-key shortcuts while typing but keeps global ones', () => {
    expect(actionForKey(key('e'), true, false)).toBeUndefined();
    expect(actionForKey(key('Backspace'), true, false)).toBeUndefined();
    expect(actionForKey(key('s', { ctrl: true }), true, false)?.id).toBe('file.save');
  });

  it('does not treat Ctrl on a Mac (or Meta elsewhere) as Mod', () => {
    expect(actionForKey(key('z', { ctrl: true }), false, true)).toBeUndefined();
    expect(actionForKey(key('z', { meta: true }), false, false)).toBeUndefined();
  });

  it('disables what cannot run', () => {
    const { host } = recordingHost({ canUndo: () => false, selectionSize: () => 0 });
    const byId = (id: string) => ACTIONS.find((a) => a.id === id)!;
    expect(isEnabled(byId('edit.undo'), host)).toBe(false);
    expect(isEnabled(byId('edit.delete'), host)).toBe(false);
    expect(isEnabled(byId('edit.paste'), host)).toBe(true);
  });

  it('command palette search matches every word', () => {
    expect(searchActions('add event').map((a) => a.id)).toEqual(['board.add.event']);
    expect(searchActions('export').map((a) => a.id)).toEqual(['file.exportSvg', 'file.exportPng']);
  });

  it('labels shortcuts per platform', () => {
    expect(shortcutLabel('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(matchShortcut(key('+', { ctrl: true, shift: true }), 'Mod+=', false)).toBe(false);
    expect(matchShortcut(key('=', { ctrl: true, shift: true }), 'Mod+=', false)).toBe(true);
  });
});
