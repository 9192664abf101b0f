// Model -> board: stickies (one per element), frames (one per bounded context) and arrows (one per
// link). Pure and deterministic; the React layer only renders what this returns. Every node gets
// its width and height here so React Flow never measures (performance.md, React Flow section).

import type { Edge, MarkerType, Node, Position as HandleSide } from '@xyflow/react';
import { FRAME_KEY, isDraftCommand, isDraftEvent } from '../../../generator/model/without-parser.js';
import type { Element, ElementKind, Model } from '../../../generator/model/types.js';
import { RELATION_COLOR, type Relation } from './grammar.js';
import { ALL_KINDS, elementsOf, STICKY_STYLES } from './kinds.js';
import { linkId, linksOf, type Link } from './links.js';
import { frameIdOf, nodeIdOf, refOf, type ElementRef } from './refs.js';

export interface ProblemCount {
  errors: number;
  warnings: number;
  /** First message, shown as the badge's tooltip. */
  first?: string;
}

export interface StickyData extends Record<string, unknown> {
  ref: ElementRef;
  kind: ElementKind;
  name: string;
  /** One line under the name: version, identity, field count... */
  detail: string;
  problems?: ProblemCount;
  /** A big-picture draft (an event nobody records yet, a command no aggregate handles yet). */
  draft?: boolean;
  /** Comparison mode (model/comparison.ts): what changed since the revision, and what `diff` says. */
  compare?: { mark: 'added' | 'removed' | 'changed' | 'renamed'; notes: string[] };
  /** Comparison mode: an element of the revision that the board no longer has. */
  ghost?: boolean;
}

export interface FrameData extends Record<string, unknown> {
  context: string;
  file: string;
  dirty: boolean;
  /** Board position of the context's layout origin: board = layout + offset. */
  offset: { x: number; y: number };
  /** The frame was placed by the user (the sidecar has a `"@frame"` entry), see ADR 0042. */
  placed: boolean;
  /** The smallest size a resize may give the frame: its stickies stay inside. */
  minWidth: number;
  minHeight: number;
  /** Comparison mode: a bounded context of the revision that the board no longer has. */
  ghost?: boolean;
}

export interface LinkData extends Record<string, unknown> {
  relation: Relation;
  link: Link;
  /** The orthogonal route around the stickies (edge-routes.ts), once computed. */
  route?: { x: number; y: number }[];
}

export type StickyNode = Node<StickyData, 'sticky'>;
export type FrameNode = Node<FrameData, 'frame'>;
export type BoardNode = StickyNode | FrameNode;
export type BoardEdge = Edge<LinkData>;

/** Column of each kind when an element has no saved position: the left-to-right flow of a board. */
const COLUMN: Record<ElementKind, number> = {
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
export const COLUMN_WIDTH = 220;
export const ROW_HEIGHT = 130;
export const FRAME_PADDING = 40;
/** Room above a frame's first sticky for its title. */
export const FRAME_TITLE = 36;
const CONTEXT_GAP = 160;

const isDraft = (el: Element): boolean => (el.kind === 'event' && isDraftEvent(el)) || (el.kind === 'command' && isDraftCommand(el));

function detailOf(el: Element): string {
  switch (el.kind) {
    case 'event':
      return `v${el.version} · ${el.fields.length} field${el.fields.length === 1 ? '' : 's'}`;
    case 'command':
      return `${el.fields.length} field${el.fields.length === 1 ? '' : 's'}`;
    case 'aggregate':
      return `id: ${el.identity}`;
    case 'projection':
      return el.consistency;
    case 'valueObject':
      return `${el.fields.length} field${el.fields.length === 1 ? '' : 's'}`;
    case 'policy':
      return `on ${el.on.length} · issues ${el.issues.length}`;
    default:
      // The kind is already the sticky's title line: no subtitle that repeats it.
      return '';
  }
}

export interface GraphOptions {
  problems?: ReadonlyMap<string, ProblemCount>;
  dirtyFiles?: ReadonlySet<string>;
}

export interface Graph {
  nodes: BoardNode[];
  edges: BoardEdge[];
}

type Position = { x: number; y: number; w?: number; h?: number };

/**
 * Where a sticky's two handles are (as React Flow measures them with styles.css: 10 px, centred
 * on the border). Given up front, React Flow can draw the arrows of stickies it has not mounted
 * (onlyRenderVisibleElements) instead of mounting every node once to measure its handles.
 */
export function stickyHandles(width: number, height: number): NonNullable<Node['handles']> {
  return [
    // Position.Left / Position.Right, spelt out: this module stays free of React at run time.
    { type: 'target', position: 'left' as HandleSide, x: -4, y: height / 2 - 5, width: 10, height: 10 },
    { type: 'source', position: 'right' as HandleSide, x: width - 6, y: height / 2 - 5, width: 10, height: 10 },
  ];
}

export function toGraph(model: Model, options: GraphOptions = {}): Graph {
  const frames: FrameNode[] = [];
  const stickies: StickyNode[] = [];
  const laidOut: { ctx: (typeof model.contexts)[number]; local: StickyNode[]; placedFrame: Position | undefined; left: number; top: number; right: number; bottom: number; minX: number; minY: number; maxX: number; maxY: number }[] = [];
  for (const ctx of model.contexts) {
    const saved = model.layouts[ctx.file]?.positions ?? {};
    const placedFrame = saved[FRAME_KEY];
    const rows = new Map<number, number>();
    const local: StickyNode[] = [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // Saved positions first, so that stickies placed by default never land on top of them.
    const taken: { x: number; y: number; w: number; h: number }[] = [];
    for (const kind of ALL_KINDS) {
      for (const el of elementsOf(ctx, kind) as Element[]) {
        const pos = saved[el.name];
        if (pos) taken.push({ x: pos.x, y: pos.y, w: pos.w ?? STICKY_STYLES[kind].width, h: pos.h ?? STICKY_STYLES[kind].height });
      }
    }
    const overlaps = (x: number, y: number, w: number, h: number) =>
      taken.some((r) => x < r.x + r.w + 12 && r.x < x + w + 12 && y < r.y + r.h + 12 && r.y < y + h + 12);
    for (const kind of ALL_KINDS) {
      const style = STICKY_STYLES[kind];
      for (const el of elementsOf(ctx, kind) as Element[]) {
        const col = COLUMN[kind];
        let pos = saved[el.name];
        if (!pos) {
          let row = rows.get(col) ?? 0;
          const x = FRAME_PADDING + col * COLUMN_WIDTH;
          while (overlaps(x, FRAME_PADDING + FRAME_TITLE + row * ROW_HEIGHT, style.width, style.height)) row++;
          rows.set(col, row + 1);
          pos = { x, y: FRAME_PADDING + FRAME_TITLE + row * ROW_HEIGHT };
          taken.push({ x: pos.x, y: pos.y, w: style.width, h: style.height });
        }
        const width = pos.w ?? style.width;
        const height = pos.h ?? style.height;
        const id = nodeIdOf(refOf(el));
        const problems = options.problems?.get(id);
        local.push({
          id,
          type: 'sticky',
          position: { x: pos.x, y: pos.y },
          width,
          height,
          handles: stickyHandles(width, height),
          // Measured up front too: React Flow counts a node it never mounted (off screen) as
          // initialised only with `measured`, and fitView waits for every node to be.
          measured: { width, height },
          data: { ref: refOf(el), kind, name: el.name, detail: detailOf(el), ...(problems ? { problems } : {}), ...(isDraft(el) ? { draft: true } : {}) },
        });
        minX = Math.min(minX, pos.x);
        minY = Math.min(minY, pos.y);
        maxX = Math.max(maxX, pos.x + width);
        maxY = Math.max(maxY, pos.y + height);
      }
    }
    if (minX === Infinity) {
      minX = FRAME_PADDING;
      minY = FRAME_PADDING + FRAME_TITLE;
      maxX = minX + 300;
      maxY = minY + 160;
    }
    // The frame in layout coordinates: around the stickies, or (placed) from the layout origin,
    // which is its top-left corner, to its saved size, grown where a sticky sticks out.
    const left = placedFrame ? Math.min(0, minX - FRAME_PADDING) : minX - FRAME_PADDING;
    const top = placedFrame ? Math.min(0, minY - FRAME_PADDING - FRAME_TITLE) : minY - FRAME_PADDING - FRAME_TITLE;
    const right = Math.max(maxX + FRAME_PADDING, placedFrame?.w ?? -Infinity);
    const bottom = Math.max(maxY + FRAME_PADDING, placedFrame?.h ?? -Infinity);
    laidOut.push({ ctx, local, placedFrame, left, top, right, bottom, minX, minY, maxX, maxY });
  }
  // Placed frames stay where the user put them; the others flow left to right in file order,
  // after every placed one (a context added later lands to the right of the board).
  let originX = 0;
  for (const c of laidOut) if (c.placedFrame) originX = Math.max(originX, c.placedFrame.x + c.right + CONTEXT_GAP);
  for (const { ctx, local, placedFrame, left, top, right, bottom, maxX, maxY } of laidOut) {
    // Contexts sit side by side in file order; positions in a layout file are local to its
    // context, so each sidecar stays meaningful on its own.
    const offset = placedFrame ? { x: placedFrame.x, y: placedFrame.y } : { x: originX - left, y: 0 };
    for (const n of local) stickies.push({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } });
    const x = left + offset.x;
    const y = top + offset.y;
    frames.push({
      id: frameIdOf(ctx.name),
      type: 'frame',
      position: { x, y },
      width: right - left,
      height: bottom - top,
      measured: { width: right - left, height: bottom - top },
      // Dragged by its title only (the rest of the frame lets clicks through to the board).
      draggable: true,
      dragHandle: '.frame-title',
      selectable: false,
      connectable: false,
      focusable: false,
      // On the edges' layer, not under it: the frame is transparent and lets pointer events
      // through (styles.css), but its resize corner and edges must be reachable above the arrows.
      zIndex: 0,
      data: {
        context: ctx.name,
        file: ctx.file,
        dirty: options.dirtyFiles?.has(ctx.file) ?? false,
        offset,
        placed: !!placedFrame,
        minWidth: maxX + FRAME_PADDING - left,
        minHeight: maxY + FRAME_PADDING - top,
      },
    });
    if (!placedFrame) originX = x + (right - left) + CONTEXT_GAP;
  }
  // Arrows carry their meaning by colour; the text label is added by the board only for the
  // arrows of the selection (labels cost a measured SVG text each, see performance notes).
  const edges: BoardEdge[] = linksOf(model).map((link) => ({
    id: linkId(link),
    source: nodeIdOf(link.source),
    target: nodeIdOf(link.target),
    // Direction matters (event → policy is not policy → event): a closed arrowhead in the
    // relation's colour, and a stroke thick enough to see and to click.
    style: { stroke: RELATION_COLOR[link.relation], strokeWidth: 2 },
    // MarkerType.ArrowClosed, spelt out: this module stays free of React at run time.
    markerEnd: { type: 'arrowclosed' as MarkerType, color: RELATION_COLOR[link.relation], width: 18, height: 18 },
    data: { relation: link.relation, link },
  }));
  // Frames first: React Flow paints in array order, the frames belong under the stickies.
  return { nodes: [...frames, ...stickies], edges };
}

/** Board offset of each context (board position = layout position + offset). */
export function contextOffsets(graph: Graph): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const n of graph.nodes) if (n.type === 'frame') out.set(n.data.context, n.data.offset);
  return out;
}

/** A board position as a layout position of `context` (what `move` and `add` store). */
export function toLayoutPosition(graph: Graph, context: string, p: { x: number; y: number }): { x: number; y: number } {
  const o = contextOffsets(graph).get(context) ?? { x: 0, y: 0 };
  return { x: Math.round(p.x - o.x), y: Math.round(p.y - o.y) };
}
