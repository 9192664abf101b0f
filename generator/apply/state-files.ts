// Stormsmith's state inside an output folder: the manifest is committed with the generated code;
// everything else under .stormsmith/ is local to one machine and one run, and must never arrive
// through a pull request (recovery, locking and the plan cache would act on it). Generation
// writes a .gitignore for it; `check` warns when such files are tracked anyway.

export const STATE_GITIGNORE_PATH = '.stormsmith/.gitignore';

export const STATE_GITIGNORE_TEXT = [
  '# stormsmith: local state, never committed (see docs/security.md).',
  '# The manifest (and your templates/, if any) belong in version control.',
  '/txn/',
  '/cache/',
  '/lock',
  '/lock.*',
  '',
].join('\n');

/** True for a path (relative to the output folder) that is local state and must not be committed. */
export const isLocalState = (path: string): boolean => /^\.stormsmith\/(txn\/|cache\/|lock$|lock\.)/.test(path);
