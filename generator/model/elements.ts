// The named elements of a bounded context, in one fixed kind order: the order names are declared,
// indexed and reported in. A leaf of the model core (types only), so that the name index and the
// declared-names list can both use it without importing each other.
import type { BoundedContext, Element, ElementKind } from './types.js';

export type ElementOfKind<K extends ElementKind> = Extract<Element, { kind: K }>;

/** Elements that live in a context's name space (hotspots are questions, not names in code). */
export type NamedElement = Exclude<Element, { kind: 'hotspot' }>;

/** Every named element of a context, in a fixed kind order. */
export function elementsOf(context: BoundedContext): NamedElement[] {
  return [
    ...context.actors,
    ...context.externalSystems,
    ...context.valueObjects,
    ...context.aggregates,
    ...context.commands,
    ...context.events,
    ...context.policies,
    ...context.projections,
  ];
}
