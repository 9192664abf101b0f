// A bounded context with nothing in it yet (new contexts on the canvas, the ESDM import, the loader).
// Free of the YAML parser: the canvas's main code makes contexts without loading it.
import type { BoundedContext } from './types.js';

export function emptyContext(name: string, file: string, loc: BoundedContext['loc']): BoundedContext {
  return {
    name,
    file,
    loc,
    relationships: [],
    aggregates: [],
    commands: [],
    events: [],
    policies: [],
    projections: [],
    actors: [],
    externalSystems: [],
    valueObjects: [],
    hotspots: [],
    specs: [],
    architecture: { slas: [], decisions: [] },
  };
}
