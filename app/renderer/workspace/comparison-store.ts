// Comparison mode's state (docs/diff.md): which revision the board is compared with, and the
// generator's diff against it. One request per `open`; a newer request wins over an older one
// still in flight. The board reads it through subscribe/getState like the session.

import type { WorkspaceApi } from '../../shared/workspace-api.js';
import { boardComparison, type BoardComparison } from '../model/comparison.js';
import type { ModelCore } from './model-core.js';
import { Store } from './store.js';

export interface ComparisonState {
  status: 'off' | 'loading' | 'on';
  /** The revision asked for last (offered again by the next "compare" prompt). */
  ref?: string;
  comparison?: BoardComparison;
}

export class ComparisonStore {
  private readonly store = new Store<ComparisonState>({ status: 'off' });
  private request = 0;

  constructor(
    private readonly api: Pick<WorkspaceApi, 'compareWith'>,
    private readonly core: Pick<ModelCore, 'load'>,
  ) {}

  getState = (): ComparisonState => this.store.getState();

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** The whole state (a comparison that is left is dropped, not kept). */
  private set(next: ComparisonState): void {
    this.store.set({ ref: undefined, comparison: undefined, ...next });
  }

  /**
   * Compares the saved model with `ref`. Resolves with an error message when the workspace
   * refuses (unknown revision, no git, a model with errors); the previous comparison then stays.
   */
  async open(ref: string): Promise<string | undefined> {
    const revision = ref.trim();
    if (revision === '') return 'Name a git revision: a branch, tag or commit (e.g. main or HEAD~1).';
    const request = ++this.request;
    const previous = this.getState();
    this.set({ ...previous, status: 'loading', ref: revision });
    try {
      const answer = await this.api.compareWith(revision);
      if (request !== this.request) return undefined;
      const before = answer.before.length === 0 ? { contexts: [], layouts: {} } : this.core.load(answer.before.map((f) => ({ path: f.path, text: f.text }))).model;
      if (!before) throw new Error(`the model at ${revision} does not load`);
      this.set({ status: 'on', ref: revision, comparison: boardComparison(answer, before) });
      return undefined;
    } catch (error) {
      if (request !== this.request) return undefined;
      this.set({ ...previous, ref: revision, status: previous.comparison ? 'on' : 'off' });
      return `Cannot compare with ${revision}: ${messageOf(error)}`;
    }
  }

  /**
   * The saved model changed (a save, a reload from disk): compare it again with the same
   * revision, so the marks follow what is saved. Nothing happens when the mode is off.
   */
  async refresh(): Promise<string | undefined> {
    const { status, ref } = this.getState();
    if (status === 'off' || !ref) return undefined;
    return this.open(ref);
  }

  close(): void {
    this.request++;
    const { ref } = this.getState();
    this.set({ status: 'off', ...(ref ? { ref } : {}) });
  }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Bridge errors carry their code first (`E_GIT: ...`); the person needs the sentence.
  return text.replace(/^E_[A-Z_]+: /, '');
}
