// A crashed or killed renderer is reloaded; on load the renderer asks for `backup:list` and
// restores the unsaved edits. A renderer that keeps crashing is not reloaded in a loop.

export interface RenderGoneDetails {
  reason: string;
}

export interface CrashRecoveryDeps {
  reload(): void;
  log(message: string): void;
  now?: () => number;
  /** At most this many reloads within `windowMs`. */
  maxReloads?: number;
  windowMs?: number;
}

export function createCrashHandler(deps: CrashRecoveryDeps): (details: RenderGoneDetails) => 'reloaded' | 'ignored' | 'gave-up' {
  const now = deps.now ?? Date.now;
  const max = deps.maxReloads ?? 3;
  const windowMs = deps.windowMs ?? 60_000;
  const recent: number[] = [];
  return (details) => {
    if (details.reason === 'clean-exit') return 'ignored';
    const t = now();
    while (recent.length > 0 && t - (recent[0] ?? 0) > windowMs) recent.shift();
    if (recent.length >= max) {
      deps.log(`renderer gone (${details.reason}) ${recent.length + 1} times within ${windowMs} ms; not reloading again`);
      return 'gave-up';
    }
    recent.push(t);
    deps.log(`renderer gone (${details.reason}); reloading, unsaved edits come back from the backups`);
    deps.reload();
    return 'reloaded';
  };
}
