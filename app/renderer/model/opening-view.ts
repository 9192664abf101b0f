// The board's opening view: the whole board when it is readable that way, else the first
// context (the start of the story) at a readable zoom. Never above 100%: a nearly empty frame
// is not blown up. Pure: the board applies the plan to React Flow.

/** Below this zoom sticky text is too small to read comfortably (level of detail starts lower). */
export const READABLE_ZOOM = 0.6;
const PADDING = 0.08;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type OpeningView =
  | { kind: 'none' }
  /** Fit everything (at most 100%). */
  | { kind: 'fit' }
  /** Show the first frame from its top-left corner at `zoom`. */
  | { kind: 'first'; x: number; y: number; zoom: number };

const fitZoom = (b: Box, view: { width: number; height: number }) => Math.min(1, (view.width * (1 - PADDING)) / b.width, (view.height * (1 - PADDING)) / b.height);

/** `frames`: the context frames in board order; `view`: the board's size in pixels. */
export function openingViewPlan(frames: readonly Box[], view: { width: number; height: number }): OpeningView {
  if (frames.length === 0) return { kind: 'none' };
  const minX = Math.min(...frames.map((f) => f.x));
  const minY = Math.min(...frames.map((f) => f.y));
  const maxX = Math.max(...frames.map((f) => f.x + f.width));
  const maxY = Math.max(...frames.map((f) => f.y + f.height));
  if (fitZoom({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, view) >= READABLE_ZOOM) return { kind: 'fit' };
  const first = frames[0]!;
  const zoom = Math.max(READABLE_ZOOM, fitZoom(first, view));
  return { kind: 'first', x: -first.x * zoom + 16, y: -first.y * zoom + 16, zoom };
}
