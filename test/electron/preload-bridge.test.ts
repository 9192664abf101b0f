import { describe, expect, it } from 'vitest';
import { createBridge, type BridgeIpc } from '../../app/preload/bridge.js';
import { ipcErrorCode, type IpcResponse } from '../../app/shared/ipc-contract.js';

function fakeIpc(answer: (channel: string, args: unknown[]) => IpcResponse<unknown>) {
  const calls: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      calls.push({ channel, args });
      return answer(channel, args);
    },
    on(channel: string, listener: (event: unknown, payload: unknown) => void) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipc;
    },
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the IPC event must not reach the page' }, payload);
  };
  return { ipc: ipc as unknown as BridgeIpc, calls, listeners, emit };
}

describe('preload bridge', () => {
  it('maps each verb to its contract channel and unwraps the answer', async () => {
    const { ipc, calls } = fakeIpc(() => ({ ok: true, value: 'answer' }));
    const bridge = createBridge(ipc);
    await bridge.workspace.info();
    await bridge.workspace.listModels();
    await bridge.workspace.openBoard!();
    await bridge.workspace.readModel('a.yaml');
    await bridge.workspace.writeModel('a.yaml', 'x', 'h'.repeat(64));
    await bridge.workspace.writeModel('b.yaml', 'y');
    await bridge.workspace.previewGeneration();
    expect(await bridge.workspace.runGeneration()).toBe('answer');
    await bridge.workspace.compareWith('main');
    await bridge.shell.openFolder();
    await bridge.shell.setDirty(['a.yaml']);
    await bridge.shell.openExternal('https://x.example');
    await bridge.backups.save('/repo', 'a.yaml', 't', null);
    await bridge.backups.discard('/repo', 'a.yaml');
    await bridge.backups.list('/repo');
    expect(calls).toEqual([
      { channel: 'workspace:info', args: [] },
      { channel: 'workspace:list-models', args: [] },
      { channel: 'workspace:open-board', args: [] },
      { channel: 'workspace:read-model', args: ['a.yaml'] },
      { channel: 'workspace:write-model', args: ['a.yaml', 'x', 'h'.repeat(64)] },
      { channel: 'workspace:write-model', args: ['b.yaml', 'y'] },
      { channel: 'workspace:preview-generation', args: [] },
      { channel: 'workspace:run-generation', args: [] },
      { channel: 'workspace:compare-with', args: ['main'] },
      { channel: 'shell:open-folder', args: [] },
      { channel: 'shell:set-dirty', args: [['a.yaml']] },
      { channel: 'shell:open-external', args: ['https://x.example'] },
      { channel: 'backup:save', args: ['/repo', 'a.yaml', 't', null] },
      { channel: 'backup:discard', args: ['/repo', 'a.yaml'] },
      { channel: 'backup:list', args: ['/repo'] },
    ]);
  });

  it('turns a refusal into an error whose message carries the code', async () => {
    const { ipc } = fakeIpc(() => ({ ok: false, error: { code: 'E_OUTSIDE_ROOT', message: 'no', hint: 'stay inside' } }));
    const error = await createBridge(ipc).workspace.readModel('../x.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(ipcErrorCode(error)).toBe('E_OUTSIDE_ROOT');
    expect((error as Error).message).toContain('hint: stay inside');
  });

  it('exposes only verbs: no ipcRenderer, no generic invoke or send', () => {
    const { ipc } = fakeIpc(() => ({ ok: true, value: null }));
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['backups', 'shell', 'workspace']);
    const everything = [bridge.workspace, bridge.shell, bridge.backups].flatMap((o) => Object.entries(o));
    for (const [name, member] of everything) expect(typeof member, name).toBe('function');
    expect(everything.map(([n]) => n)).not.toEqual(expect.arrayContaining(['invoke']));
    expect(JSON.stringify(Object.keys(bridge.shell))).not.toMatch(/ipc|send|invoke/i);
  });

  it('delivers events without the IPC event object, and removes its IPC listener when the last one unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc(() => ({ ok: true, value: null }));
    const bridge = createBridge(ipc);
    const got: unknown[][] = [];
    const stopA = bridge.workspace.watch((...args: unknown[]) => void got.push(args));
    const stopB = bridge.workspace.watch(() => undefined);
    expect(listeners.get('workspace:change')?.size).toBe(1);
    emit('workspace:change', { path: 'a.yaml', kind: 'changed', hash: 'h' });
    expect(got).toEqual([[{ path: 'a.yaml', kind: 'changed', hash: 'h' }]]);
    stopA();
    stopB();
    expect(listeners.get('workspace:change')?.size).toBe(0);
    const commands: unknown[] = [];
    bridge.shell.onMenuCommand((c) => void commands.push(c));
    emit('menu:command', 'save');
    expect(commands).toEqual(['save']);
  });
});
