// Moving and resizing a bounded-context frame (ADR 0042). A placed frame is one `"@frame"` entry
// in its layout sidecar: its board position, and its size when resized; the stickies of a placed
// frame are stored relative to its top-left corner, so moving a frame rewrites one line.
//
// The first placement on a board pins every frame where it is on screen (each context gets its
// entry, its stickies re-based on its frame), so no other frame jumps when one of them leaves the
// left-to-right flow. That first edit touches every sidecar once; later ones touch one line.

import { FRAME_KEY } from '../../../generator/model/without-parser.js';
import type { Model } from '../../../generator/model/types.js';
import { toGraph, type FrameNode } from './graph.js';
import type { PatchOp, Position } from './patch.js';

/** The frame of `context` as it should now be drawn: board position and size. */
export interface FramePlacement {
  context: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The position ops that place the frame; throws with a user-facing reason (a string) if there is no such frame. */
export function placeFrameOps(model: Model, place: FramePlacement): PatchOp[] {
  const graph = toGraph(model);
  const frames = graph.nodes.filter((n): n is FrameNode => n.type === 'frame');
  const target = frames.find((f) => f.data.context === place.context);
  if (!target) throw new Error(`there is no bounded context named ${place.context}`);
  const ops: PatchOp[] = [];
  const origin = new Map<string, Position>();
  for (const ctx of model.contexts) {
    const positions = model.layouts[ctx.file]?.positions ?? {};
    const saved = positions[FRAME_KEY];
    if (saved) {
      origin.set(ctx.name, saved);
      continue;
    }
    const frame = frames.find((f) => f.data.context === ctx.name)!;
    // Pin: each sticky where it is drawn, relative to the frame's corner.
    for (const n of graph.nodes) {
      if (n.type !== 'sticky' || n.data.ref.context !== ctx.name) continue;
      const previous = positions[n.data.name];
      const x = n.position.x - frame.position.x;
      const y = n.position.y - frame.position.y;
      if (!previous || previous.x !== x || previous.y !== y) ops.push({ op: 'position', file: ctx.file, name: n.data.name, value: { ...previous, x, y } });
    }
    const pinned = { x: frame.position.x, y: frame.position.y };
    origin.set(ctx.name, pinned);
    if (ctx.name !== place.context) ops.push({ op: 'position', file: ctx.file, name: FRAME_KEY, value: pinned });
  }
  const file = model.contexts.find((c) => c.name === place.context)!.file;
  const was = origin.get(place.context)!;
  const x = Math.round(was.x + place.x - target.position.x);
  const y = Math.round(was.y + place.y - target.position.y);
  const next: Position = { x, y };
  const resized = Math.round(place.width) !== target.width || Math.round(place.height) !== target.height;
  // The size is measured from the frame's origin (a sticky dragged out to the left grows the
  // drawn frame, not the saved size).
  if (resized) {
    next.w = Math.round(place.x + place.width) - x;
    next.h = Math.round(place.y + place.height) - y;
  } else if (was.w !== undefined && was.h !== undefined) {
    next.w = was.w;
    next.h = was.h;
  }
  ops.push({ op: 'position', file, name: FRAME_KEY, value: next });
  return ops;
}
