// WorkspaceApi.compareWith for a real folder (both shells): the generator's semantic diff of the
// saved model against a git revision (generator/diff/compare-with-ref.ts, the same code as
// `stormsmith diff`), shaped for the canvas. The revision comes from the renderer and is
// untrusted: it is checked here before git sees it (git itself is run without a shell).
// The generator is imported lazily, as for generation: the diff loads only when someone compares.

import type { ModelComparison } from '../shared/workspace-api.js';
import { WorkspaceError } from './errors.js';

/** Longer than any branch name a person types; refuses junk before it reaches git. */
const MAX_REF_LENGTH = 256;

/** A revision as git names it (branch, tag, sha, HEAD~1, origin/main); never an option. */
export function checkRef(ref: unknown): string {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_REF_LENGTH) throw new WorkspaceError('E_GIT', 'the revision must be a non-empty name of at most 256 characters');
  // No leading dash (git would read an option), no control characters, no whitespace.
  if (ref.startsWith('-') || /[\u0000-\u0020\u007f]/.test(ref)) throw new WorkspaceError('E_GIT', `not a git revision: ${JSON.stringify(ref)}`, 'a branch, tag or commit, e.g. main or HEAD~1');
  return ref;
}

export async function compareFolderWithRef(realRoot: string, ref: unknown): Promise<ModelComparison> {
  const revision = checkRef(ref);
  const { compareWithRef, changeDetails, changeHeadline, diffSummaryLine } = await import('../../generator/generate.js');
  const result = await compareWithRef(realRoot, revision);
  if (!result.ok) {
    if (result.failure === 'git') throw new WorkspaceError('E_GIT', result.message, 'a branch, tag or commit that exists in the folder\'s git repository');
    const first = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
    const where = first ? `: ${first.file}:${first.line}:${first.col}: ${first.message}` : '';
    throw new WorkspaceError('E_MODEL_ERRORS', `${result.failure === 'current' ? 'the saved model has errors' : result.message}${where}`, result.failure === 'current' ? 'fix the problems (and save) first' : undefined);
  }
  const { changes, summary } = result.diff;
  return {
    ref: result.ref,
    changes,
    summary,
    headline: diffSummaryLine(result.diff),
    notes: changes.map((c) => [changeHeadline(c), ...(c.change === 'changed' ? changeDetails(c) : [])]),
    before: result.beforeFiles,
  };
}
