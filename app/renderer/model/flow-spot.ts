// Where a new sticky goes when one sticky is selected: where the flow says. A kind that comes
// later in the story (command -> aggregate -> event -> policy -> read model) lands to the right
// of the selected sticky, an earlier one (an actor before its command) to its left, on the same
// row. free-spot.ts then moves it off any sticky already there.

import type { ElementKind } from '../../../generator/model/types.js';
import type { Rect } from './free-spot.js';

/** Position of each kind in the left-to-right flow of a board. */
const FLOW_RANK: Record<ElementKind, number> = {
  actor: 0,
  externalSystem: 0,
  command: 1,
  aggregate: 2,
  event: 3,
  policy: 4,
  projection: 5,
  hotspot: 6,
  valueObject: 6,
};

const GAP = 60;

export function flowSpot(selected: Rect & { kind: ElementKind }, kind: ElementKind, size: { w: number; h: number }): { x: number; y: number } {
  const after = FLOW_RANK[kind] >= FLOW_RANK[selected.kind];
  return { x: Math.round(after ? selected.x + selected.w + GAP : selected.x - size.w - GAP), y: Math.round(selected.y) };
}
