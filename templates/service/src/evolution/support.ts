// Event versions travel in event metadata as `schemaVersion` (Emmett 0.42 has no per-type
// version: its `message_schema_version` column is always '1'). Appending goes through a
// downcast that stamps the current version; reading goes through an upcast that brings an
// old event up to the current version, one step at a time.

/** The part of a stored event the upcasters look at. */
export type StoredEvent = { readonly type: string; readonly data: unknown; readonly metadata?: unknown };

/** The fields of one version of an event: how an unstamped stored event is recognised. */
export type EventShape = { readonly version: number; readonly required: readonly string[]; readonly allowed: readonly string[] };

/** A copy of `event` with `data` and `metadata.schemaVersion` replaced. */
export const withSchemaVersion = <E extends StoredEvent>(event: E, data: unknown, version: number): E =>
  ({ ...event, data, metadata: { ...((event.metadata ?? {}) as object), schemaVersion: version } }) as E;

/**
 * The version an event was stored with: `metadata.schemaVersion` when present; otherwise (events
 * appended without the downcast) the newest version whose fields match the data exactly.
 */
export const schemaVersionOf = (event: StoredEvent, shapes: readonly EventShape[], current: number): number => {
  const stamped = (event.metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (typeof stamped === 'number' && Number.isInteger(stamped)) return stamped;
  const keys = typeof event.data === 'object' && event.data !== null ? Object.keys(event.data) : [];
  const match = shapes.find((s) => s.required.every((k) => keys.includes(k)) && keys.every((k) => s.allowed.includes(k)));
  return match?.version ?? current;
};

/** An upcast step whose next version needs a value the model gives no way to compute. */
export const missingUpcastValue = (what: string): never => {
  throw new Error(`cannot upcast: ${what} (declare a default for it in the model's upcast)`);
};
