// ESDM (Event-Sourced Domain Modeling, schema.esdm.io/core/v1) documents as Stormsmith reads and
// writes them; the mapping is in docs/esdm.md. Pure.
import type { JsonValue } from '../model/types.js';

export const ESDM_API_VERSION = 'schema.esdm.io/core/v1';
/** Annotation keys under which Stormsmith keeps what ESDM has no field for (string values, JSON where structured). */
export const ANNOTATION_PREFIX = 'stormsmith.io/';

export type EsdmDocument = { [key: string]: JsonValue };

/** Something that has no ESDM counterpart: kept as an annotation, or dropped, and always reported. */
export interface EsdmNote {
  /** `Ordering.OrderPlaced` or the file being read. */
  where: string;
  what: string;
  /** kept: preserved in `metadata.annotations` (round-trips through Stormsmith); dropped: lost. */
  fate: 'kept-as-annotation' | 'dropped' | 'approximated';
}
