// What one window has open: its NodeWorkspace (or none yet), the set of models with unsaved
// edits the renderer reported, and the forwarding of disk changes to that window.

import { realpath } from 'node:fs/promises';
import type { EventChannel, EventContract } from '../shared/ipc-contract.js';
import type { WorkspaceInfo } from '../shared/workspace-api.js';
import { WorkspaceError } from '../workspace/errors.js';
import type { NodeWorkspace } from '../workspace/node-workspace.js';

export type SendToWindow = <E extends EventChannel>(channel: E, payload: EventContract[E]) => void;

export class WorkspaceHost {
  private workspace: NodeWorkspace | null = null;
  private unwatch: (() => void) | undefined;
  private dirtyPaths = new Set<string>();
  private readonly dirtyListeners = new Set<() => void>();
  private opening: Promise<unknown> = Promise.resolve();
  /** Real roots this window has had open: a backup still in flight from one of them is kept under it. */
  private readonly openedRoots = new Set<string>();

  constructor(
    private readonly send: SendToWindow,
    private readonly openWorkspace: (folder: string) => Promise<NodeWorkspace>,
  ) {}

  /** Opens `folder`; IPC calls made meanwhile wait for it (see `settled`). */
  open(folder: string): Promise<WorkspaceInfo> {
    const result = this.opening.then(() => this.openNow(folder));
    this.opening = result.catch(() => undefined);
    return result;
  }

  /** Resolves once no open is in progress (so a renderer starting up sees the folder). */
  settled(): Promise<void> {
    return this.opening.then(() => undefined);
  }

  private async openNow(folder: string): Promise<WorkspaceInfo> {
    // Reopening the open folder keeps its workspace: a fresh one would find our own writer lock
    // and open read-only.
    const real = await realpath(folder).catch(() => folder);
    if (this.workspace?.realRoot === real) {
      const info = await this.workspace.info();
      this.send('workspace:opened', info);
      return info;
    }
    const next = await this.openWorkspace(folder);
    await this.close();
    this.workspace = next;
    this.openedRoots.add(next.realRoot);
    this.unwatch = next.watch((change) => this.send('workspace:change', change));
    const info = await next.info();
    this.send('workspace:opened', info);
    return info;
  }

  /** The open workspace; refuses politely when none is open yet. */
  current(): NodeWorkspace {
    if (!this.workspace) throw new WorkspaceError('E_NO_FOLDER', 'no folder is open', 'use File > Open Folder');
    return this.workspace;
  }

  get root(): string | null {
    return this.workspace?.realRoot ?? null;
  }

  /** Whether `root` (a real root, as in WorkspaceInfo.root) is or was open in this window. */
  hasOpened(root: string): boolean {
    return this.openedRoots.has(root);
  }

  /** Whether `folder` is the folder open now (reopening it keeps the board: nothing to ask). */
  async isOpen(folder: string): Promise<boolean> {
    if (this.workspace === null) return false;
    const real = await realpath(folder).catch(() => folder);
    return real === this.workspace.realRoot;
  }

  get dirty(): string[] {
    return [...this.dirtyPaths].sort();
  }

  setDirty(paths: string[]): void {
    this.dirtyPaths = new Set(paths);
    for (const listener of this.dirtyListeners) listener();
  }

  /** Resolves true once nothing is dirty, false after `timeoutMs`. */
  waitUntilClean(timeoutMs: number): Promise<boolean> {
    if (this.dirtyPaths.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (clean: boolean) => {
        clearTimeout(timer);
        this.dirtyListeners.delete(check);
        resolve(clean);
      };
      const check = () => {
        if (this.dirtyPaths.size === 0) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.dirtyListeners.add(check);
    });
  }

  async close(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    const closing = this.workspace;
    this.workspace = null;
    this.dirtyPaths.clear();
    await closing?.close();
  }
}
