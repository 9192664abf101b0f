// A value that changes and tells its listeners: the subscribe/getState pair React reads through
// useSyncExternalStore. The session and comparison mode keep their state in one each.

export class Store<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the fields in `patch` and tells every listener once. */
  set(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Replaces the fields without telling anyone (a later `set` publishes both). */
  stage(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
  }
}
