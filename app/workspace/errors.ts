// Refusals of a workspace request. Transports map `code` to their own answer (HTTP status,
// rejected IPC promise); the message is safe to show to the user (no stack, no secrets).

export type WorkspaceErrorCode =
  /** Not a relative `/`-separated path of plain segments (`..`, absolute, backslash, NUL, ...). */
  | 'E_INVALID_PATH'
  /** Only `.yaml` model files are reachable through the workspace. */
  | 'E_NOT_MODEL_FILE'
  /** The real path lies outside the opened folder. */
  | 'E_OUTSIDE_ROOT'
  /** A symlink inside the opened folder; refused so that a link can never redirect a write. */
  | 'E_SYMLINK'
  | 'E_NOT_FOUND'
  /** Another writer holds the folder's lock; this workspace is read-only. */
  | 'E_READ_ONLY'
  | 'E_GENERATOR_UNAVAILABLE'
  /** No folder is open yet (desktop app before "Open Folder"). */
  | 'E_NO_FOLDER'
  /** A comparison's revision: not a git repository, not a commit, or not a plausible revision name. */
  | 'E_GIT'
  /** A comparison needs both models to load: the saved one or the one at the revision has errors. */
  | 'E_MODEL_ERRORS';

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

export const isWorkspaceError = (error: unknown): error is WorkspaceError => error instanceof WorkspaceError;
