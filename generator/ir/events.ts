// Where messages live in the generation IR (docs/adr/0073-generation-ir.md): the module that
// declares an event's type and the stream type it is appended under.

import type { Event } from '../model/types.js';
import { aggregateNames, snakeCase } from '../names.js';
import { layout } from './paths.js';

/** Stream type of an aggregate's events: `lending_loan`. */
export const aggregateStreamType = (context: string, aggregate: string): string => `${snakeCase(context)}_${snakeCase(aggregate)}`;

/** Stream type of events an external system delivers: `lending_clock`. */
export const externalStreamType = (context: string, system: string): string =>
  `${aggregateNames(context).streamType}_${aggregateNames(system).streamType}`;

/** Module that declares an event's type. */
export function eventModule(event: Event): string {
  return event.aggregate ? layout.aggregate(event.context, event.aggregate.name, 'events') : layout.externalEvents(event.context);
}

/** Stream name prefix an event is appended under (for tests). */
export function eventStreamType(event: Event): string {
  if (event.aggregate) return aggregateStreamType(event.context, event.aggregate.name);
  return externalStreamType(event.context, event.source?.name ?? 'External');
}
