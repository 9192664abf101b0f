// Identifiers of the generated evolution code.

import { camelCase, dataTypeName, pascalCase } from '../../names.js';
import type { Event } from '../../model/types.js';

/** `upcastOrderPlacedV1`: turns OrderPlaced v1 data into the next version's data. */
export const stepName = (event: string, from: number): string => `upcast${pascalCase(event)}V${from}`;

/** Data type of `event` at `version` (the current version has no version suffix). */
export const dataTypeAt = (event: Event, version: number): string => (version === event.version ? dataTypeName(event.name) : dataTypeName(event.name, version));

/** `upcastOrderingEvent`, `downcastOrderingEvent`, `orderingEventVersioning`, ... */
export const contextNames = (context: string) => {
  const c = pascalCase(context);
  return {
    upcast: `upcast${c}Event`,
    downcast: `downcast${c}Event`,
    versioning: `${camelCase(context)}EventVersioning`,
    versions: `${camelCase(context)}EventVersions`,
    shapes: `${camelCase(context)}EventShapes`,
  };
};
