// The sticky kinds of the board: event-storming colours, sizes and the model collection each
// kind lives in. Sizes are fixed up front so React Flow never has to measure a node (the main
// lever for large boards, see shared/reference/performance.md).

import type { BoundedContext, ElementKind } from '../../../generator/model/types.js';

export interface StickyStyle {
  /** Label shown in the palette and in the property panel. */
  label: string;
  /** Background colour of the sticky (event-storming convention). */
  color: string;
  /** Border / text accent (darker shade of the colour). */
  accent: string;
  width: number;
  height: number;
  /** Palette keyboard shortcut (a single key, pressed with the board focused). */
  key: string;
}

export const STICKY_STYLES: Readonly<Record<ElementKind, StickyStyle>> = {
  event: { label: 'Domain event', color: '#ffa94d', accent: '#b35c00', width: 160, height: 96, key: 'e' },
  command: { label: 'Command', color: '#74c0fc', accent: '#1864ab', width: 160, height: 96, key: 'c' },
  aggregate: { label: 'Aggregate', color: '#ffe066', accent: '#8f7400', width: 180, height: 110, key: 'a' },
  policy: { label: 'Policy', color: '#d0bfff', accent: '#5f3dc4', width: 160, height: 96, key: 'p' },
  projection: { label: 'Read model', color: '#8ce99a', accent: '#2b8a3e', width: 160, height: 96, key: 'r' },
  externalSystem: { label: 'External system', color: '#faa2c1', accent: '#a61e4d', width: 160, height: 96, key: 'x' },
  actor: { label: 'Actor', color: '#fff3bf', accent: '#8f7400', width: 110, height: 56, key: 'u' },
  hotspot: { label: 'Hotspot', color: '#ff6b6b', accent: '#a51111', width: 160, height: 96, key: 'h' },
  valueObject: { label: 'Value object', color: '#e9ecef', accent: '#495057', width: 140, height: 72, key: 'v' },
};

/** Palette order: the flow of an event-storming board, left to right. */
export const PALETTE_KINDS: readonly ElementKind[] = [
  'actor',
  'command',
  'aggregate',
  'event',
  'policy',
  'projection',
  'externalSystem',
  'hotspot',
  'valueObject',
];

/** The array of a bounded context that holds elements of a kind. */
export type ElementCollection =
  | 'aggregates'
  | 'commands'
  | 'events'
  | 'policies'
  | 'projections'
  | 'actors'
  | 'externalSystems'
  | 'valueObjects'
  | 'hotspots';

export const COLLECTION_OF: Readonly<Record<ElementKind, ElementCollection>> = {
  aggregate: 'aggregates',
  command: 'commands',
  event: 'events',
  policy: 'policies',
  projection: 'projections',
  actor: 'actors',
  externalSystem: 'externalSystems',
  valueObject: 'valueObjects',
  hotspot: 'hotspots',
};

export const ALL_KINDS = Object.keys(COLLECTION_OF) as ElementKind[];

export function elementsOf(ctx: BoundedContext, kind: ElementKind) {
  return ctx[COLLECTION_OF[kind]];
}
