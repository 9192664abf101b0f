// The React Flow board. Nodes and edges are derived from the model (toGraph); the only local
// state is what React Flow needs while a drag is in flight. A drop commits one `move` change.

import {
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
  type Viewport,
  useOnViewportChange,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type ReactNode, type RefObject } from 'react';
import type { ElementKind } from '../../../../generator/model/types.js';
import { withComparison, type BoardComparison } from '../../model/comparison.js';
import { openingViewPlan } from '../../model/opening-view.js';
import { toGraph, toLayoutPosition, type BoardEdge, type BoardNode, type Graph, type ProblemCount } from '../../model/graph.js';
import { RELATION_LABEL } from '../../model/grammar.js';
import { STICKY_STYLES } from '../../model/kinds.js';
import { refOfNodeId, type ElementRef } from '../../model/refs.js';
import type { Model } from '../../../../generator/model/types.js';
import type { Change } from '../../model/changes.js';
import { FarCanvas } from './FarCanvas.js';
import { FramesMiniMap } from './FramesMiniMap.js';
import { EDGE_TYPES } from './RoutedEdge.js';
import { changedRects, routeEdgeReaching, routingKey, stillHolds, stickyRects, type Point, type Reached, type Rect } from '../../model/edge-routes.js';
import { separationSteps } from '../../model/edge-separation.js';
import { FarZoomContext, FrameActionsContext, NODE_TYPES, StickyActionsContext } from './StickyNode.js';

/** An empty folder: say what the board is for and offer the one first step. */
function EmptyBoard(props: { onNewContext: () => void }) {
  return (
    <div className="empty-board" data-testid="empty-board">
      <h2>This folder has no model yet</h2>
      <p>
        A model is a set of bounded contexts, one YAML file each. Start with one context (for example <em>Sales</em>), then put the domain
        events of your story on it, left to right in time.
      </p>
      <button type="button" data-testid="empty-new-context" onClick={props.onNewContext} autoFocus>
        New bounded context
      </button>
    </div>
  );
}

/** Below this zoom, stickies render as plain rectangles (level of detail). */
export const FAR_ZOOM = 0.45;

export const PALETTE_MIME = 'application/x-stormsmith-kind';

export interface BoardProps {
  model: Model;
  problems: ReadonlyMap<string, ProblemCount>;
  dirtyFiles: ReadonlySet<string>;
  /** Comparison mode: the changes against a git revision, laid over the board (model/comparison.ts). */
  comparison?: BoardComparison;
  /** Drawn over the board's corner (the comparison legend). */
  legend?: ReactNode;
  /** The board's element, for the app's actions (the middle of the visible board). */
  containerRef?: RefObject<HTMLDivElement | null>;
  selection: readonly string[];
  selectedEdge: string | undefined;
  revision: number;
  onSelection: (nodeIds: string[], edgeId: string | undefined) => void;
  apply: (change: Change) => boolean;
  /** A sticky dropped from the palette at a flow position. */
  onDropKind: (kind: ElementKind, at: { x: number; y: number }) => void;
  /** The empty board's first step. */
  onNewContext: () => void;
  /** A frame title was double-clicked. */
  onRenameContext: (context: string) => void;
}

/**
 * The opening view (model/opening-view.ts) as React Flow's starting viewport: given up front, the
 * board renders once at the right place (setting it after the first render drew the board twice).
 */
export function openingViewport(nodes: readonly BoardNode[], view: { width: number; height: number }): Viewport {
  const frames = nodes.filter((n) => n.type === 'frame').map((n) => ({ x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 }));
  const plan = openingViewPlan(frames, view);
  if (plan.kind === 'first') return { x: plan.x, y: plan.y, zoom: plan.zoom };
  if (plan.kind === 'fit') {
    const x = Math.min(...frames.map((f) => f.x));
    const y = Math.min(...frames.map((f) => f.y));
    const bounds = { x, y, width: Math.max(...frames.map((f) => f.x + f.width)) - x, height: Math.max(...frames.map((f) => f.y + f.height)) - y };
    return getViewportForBounds(bounds, view.width, view.height, 0.05, 1, 0.08);
  }
  return { x: 0, y: 0, zoom: 1 };
}

/** Publishes the zoom as the CSS variable --zoom (level-of-detail text sizes), without re-rendering the board. */
function ZoomVariable(props: { target: RefObject<HTMLDivElement | null> }) {
  const zoom = useStore((s) => s.transform[2]);
  useEffect(() => {
    props.target.current?.style.setProperty('--zoom', String(zoom));
  }, [zoom, props.target]);
  return null;
}

function useFarZoom(): boolean {
  return useStore((s) => s.transform[2] < FAR_ZOOM);
}

export function Board(props: BoardProps) {
  const { model, problems, dirtyFiles, comparison, legend, selection, selectedEdge, apply, onSelection, onDropKind, onNewContext, onRenameContext } = props;
  const frameActions = useMemo(
    () => ({
      rename: onRenameContext,
      place: (context: string, rect: { x: number; y: number; width: number; height: number }) => {
        apply({ type: 'placeFrame', resize: true, context, x: rect.x, y: rect.y, width: rect.width, height: rect.height });
      },
    }),
    [onRenameContext, apply],
  );
  const stickyActions = useMemo(
    () => ({
      rename: (ref: ElementRef, to: string) => apply({ type: 'rename', ref, to: to.trim() }),
    }),
    [apply],
  );
  const graph = useMemo(() => {
    const board = toGraph(model, { problems, dirtyFiles });
    return comparison ? withComparison(board, comparison) : board;
  }, [model, problems, dirtyFiles, comparison]);
  const selected = useMemo(() => new Set(selection), [selection]);
  const bigBoard = graph.nodes.length > MINIMAP_STICKY_LIMIT;
  // Start with the board's nodes (not an empty list): one React Flow pass on open, not two.
  const [nodes, setNodes] = useState<BoardNode[]>(() => graph.nodes);
  const flow = useReactFlow();
  const far = useFarZoom();
  const ownRef = useRef<HTMLDivElement>(null);
  const boardRef = props.containerRef ?? ownRef;
  // The board's size is known before the first paint (layout effect): React Flow starts at the opening view.
  const [startView, setStartView] = useState<Viewport>();
  useLayoutEffect(() => {
    const rect = boardRef.current?.getBoundingClientRect();
    setStartView(openingViewport(graph.nodes, { width: rect?.width || 1000, height: rect?.height || 700 }));
    // Once, on mount: later model changes never move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Re-derive on every model change, keeping the selection the app holds.
  useEffect(() => {
    setNodes(selected.size === 0 ? graph.nodes : graph.nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n)));
  }, [graph, selected]);

  const routes = useRoutes(graph);

  // Labels only where the user is looking: the selected arrow and the arrows of selected stickies.
  const edges = useMemo<BoardEdge[]>(
    () =>
      graph.edges.map((routeless) => {
        const route = routes.get(routeless.id);
        const e: BoardEdge = route && routeless.data ? { ...routeless, data: { ...routeless.data, route } } : routeless;
        const focus = e.id === selectedEdge || selected.has(e.source) || selected.has(e.target);
        if (!focus) return e;
        const label = e.data ? RELATION_LABEL[e.data.relation] : undefined;
        // Labelled arrows are drawn above the stickies, so the label is never hidden under one.
        const labelled = { ...e, label, zIndex: 1000, labelBgPadding: [4, 2] as [number, number], labelBgStyle: { fill: '#fff', fillOpacity: 0.92 } };
        return e.id === selectedEdge ? { ...labelled, selected: true, animated: true } : labelled;
      }),
    [graph.edges, selectedEdge, selected, routes],
  );

  const onNodesChange = useCallback((changes: NodeChange<BoardNode>[]) => {
    // Selection is owned by the app (onSelectionChange); positions while dragging stay local.
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
    if (local.length > 0) setNodes((nds) => withFramesCarryingStickies(nds, applyNodeChanges(local, nds)));
  }, []);

  const selectionOrder = useRef<string[]>([]);
  const onEdgesChange = useCallback(
    (changes: EdgeChange<BoardEdge>[]) => {
      // Edges are a view of the model: removal goes through the delete action (disconnect).
      // Selection is the app's: a clicked arrow becomes the selection (so Delete can remove it).
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked && picked.type === 'select') {
        selectionOrder.current = [];
        onSelection([], picked.id);
      } else if (changes.some((c) => c.type === 'select') && selectedEdgeRef.current) {
        onSelection(selectionOrder.current, undefined);
      }
    },
    [onSelection],
  );
  const selectedEdgeRef = useRef(selectedEdge);
  selectedEdgeRef.current = selectedEdge;
  const onSelectionChange = useCallback(
    ({ nodes: sel, edges: selEdges }: OnSelectionChangeParams) => {
      const ids = sel.filter((n) => n.type === 'sticky').map((n) => n.id);
      // Keep the order in which stickies were selected: "connect first → second" depends on it.
      const kept = selectionOrder.current.filter((id) => ids.includes(id));
      const added = ids.filter((id) => !kept.includes(id));
      selectionOrder.current = [...kept, ...added];
      onSelection(selectionOrder.current, selEdges[0]?.id);
    },
    [onSelection],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: BoardNode, dragged: BoardNode[]) => {
      // A frame dragged by its title: one placeFrame change (its stickies follow it).
      const frame = dragged.find((n) => n.type === 'frame');
      if (frame?.type === 'frame') {
        const was = graph.nodes.find((n) => n.id === frame.id);
        if (was && (Math.round(was.position.x) !== Math.round(frame.position.x) || Math.round(was.position.y) !== Math.round(frame.position.y))) {
          apply({ type: 'placeFrame', context: frame.data.context, x: frame.position.x, y: frame.position.y, width: was.width ?? 0, height: was.height ?? 0 });
        }
        return;
      }
      // One sticky dropped on another context's frame moves to that context.
      const only = dragged.length === 1 && dragged[0]!.type === 'sticky' ? dragged[0]! : undefined;
      const ref = only ? refOfNodeId(only.id) : undefined;
      if (only && ref) {
        const cx = only.position.x + (only.width ?? 0) / 2;
        const cy = only.position.y + (only.height ?? 0) / 2;
        const frame = graph.nodes.find(
          (n) => n.type === 'frame' && !n.data.ghost && n.data.context !== ref.context && cx >= n.position.x && cy >= n.position.y && cx <= n.position.x + (n.width ?? 0) && cy <= n.position.y + (n.height ?? 0),
        );
        if (frame?.type === 'frame') {
          if (!apply({ type: 'moveToContext', ref, context: frame.data.context, at: toLayoutPosition(graph, frame.data.context, only.position) })) setNodes(graph.nodes);
          return;
        }
      }
      const moves = dragged
        .filter((n) => n.type === 'sticky')
        .flatMap((n) => {
          const ref = refOfNodeId(n.id);
          return ref ? [{ ref, ...toLayoutPosition(graph, ref.context, n.position) }] : [];
        });
      if (moves.length > 0) apply({ type: 'move', moves });
    },
    [apply, graph],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const source = refOfNodeId(c.source);
      const target = refOfNodeId(c.target);
      if (source && target) apply({ type: 'connect', source, target });
    },
    [apply],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as ElementKind;
      if (!kind || !(kind in STICKY_STYLES)) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const style = STICKY_STYLES[kind];
      onDropKind(kind, { x: Math.round(p.x - style.width / 2), y: Math.round(p.y - style.height / 2) });
    },
    [flow, onDropKind],
  );

  return (
    <FarZoomContext.Provider value={far}>
      <FrameActionsContext.Provider value={frameActions}>
      <StickyActionsContext.Provider value={stickyActions}>
      <div ref={boardRef} className={`board${far ? ' far' : ''}${bigBoard ? ' big' : ''}`} data-testid="board" onDragOver={onDragOver} onDrop={onDrop}>
        {startView ? <ReactFlow<BoardNode, BoardEdge>
          defaultViewport={startView}
          nodes={nodes}
          edges={far && bigBoard ? NO_EDGES : edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onSelectionChange={onSelectionChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onlyRenderVisibleElements
          minZoom={0.05}
          maxZoom={2.5}
          deleteKeyCode={null}
          // Arrow keys move the selection through the action registry (saved, undoable).
          disableKeyboardA11y
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          elevateNodesOnSelect={false}
          proOptions={{ hideAttribution: true }}
          defaultEdgeOptions={{ type: 'routed' }}
        >
          {bigBoard ? <FramesMiniMap nodes={nodes} /> : <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={0} data-testid="minimap" />}
          <Controls showInteractive={false} />
          {far && bigBoard ? <FarCanvas nodes={nodes} /> : null}
          <ZoomVariable target={boardRef} />
        </ReactFlow> : null}
        {legend}
        {model.contexts.length === 0 ? <EmptyBoard onNewContext={onNewContext} /> : null}
      </div>
      </StickyActionsContext.Provider>
      </FrameActionsContext.Provider>
    </FarZoomContext.Provider>
  );
}

/** While a frame is dragged, its stickies move with it (they are not React Flow children). */
function withFramesCarryingStickies(before: BoardNode[], after: BoardNode[]): BoardNode[] {
  const moved = new Map<string, { dx: number; dy: number }>();
  for (let i = 0; i < after.length; i++) {
    const a = after[i]!;
    const b = before[i];
    if (a.type !== 'frame' || b?.id !== a.id || (a.position.x === b.position.x && a.position.y === b.position.y)) continue;
    moved.set(a.data.context, { dx: a.position.x - b.position.x, dy: a.position.y - b.position.y });
  }
  if (moved.size === 0) return after;
  return after.map((n) => {
    const d = n.type === 'sticky' ? moved.get(n.data.ref.context) : undefined;
    return d ? { ...n, position: { x: n.position.x + d.dx, y: n.position.y + d.dy } } : n;
  });
}

/**
 * The minimap repaints on every pan; past this many nodes it shows the context frames only
 * (hundreds of sticky rectangles cost more frames than they help orientation), drawn by
 * FramesMiniMap (React Flow's MiniMap subscribes one component per node, frames or not).
 */
const MINIMAP_STICKY_LIMIT = 400;

const NO_ROUTES: ReadonlyMap<string, Point[]> = new Map();
/** Routing resumes this long after the view last moved. */
const PAN_QUIET_MS = 150;

type Idle = (cb: (deadline: { timeRemaining(): number }) => void, options?: { timeout: number }) => number;
/**
 * A routing slice runs at the latest this long after it was asked for, idle or not: with a
 * sticky selected Chromium was seen never idle (seconds without an idle callback after an
 * arrow-key move, so the moved sticky's arrows stayed step paths).
 */
const IDLE_TIMEOUT_MS = 300;

/**
 * Arrows around the stickies (ADR 0043), routed while the browser is idle, a few at a time, so
 * routing never delays a paint or a pan frame; then, in the same slices, arrows that share a
 * channel are set side by side (ADR 0047). Until all are done the arrows are React Flow step
 * paths (or their previous routes). After an edit only the arrows it can affect are routed again
 * (the rest keep their routes; all are separated again). Boards of any
 * size: 4,200 arrows are about 0.5 s of routing and 0.1 s of separating in slices (ADR 0047).
 */
function useRoutes(graph: Graph): ReadonlyMap<string, Point[]> {
  const [routes, setRoutes] = useState<ReadonlyMap<string, Point[]>>(NO_ROUTES);
  // While the user pans or zooms, routing waits: idle time between pan frames is short, and on a
  // board of thousands of arrows slices there halved the pan frame rate (ADR 0047).
  const lastMove = useRef(0);
  useOnViewportChange({ onChange: () => void (lastMove.current = performance.now()) });
  const key = useMemo(() => routingKey(graph), [graph]);
  const latest = useRef(graph);
  latest.current = graph;
  // The last finished routing: the stickies it saw and each arrow's route before separation.
  const done = useRef<{ rects: ReadonlyMap<string, Rect>; found: ReadonlyMap<string, Reached> }>(undefined);
  useEffect(() => {
    if (key === '') return setRoutes(NO_ROUTES);
    const g = latest.current;
    const stickies = stickyRects(g);
    const byId = new Map(stickies.map((s) => [s.id, s]));
    // After an edit only the arrows it can affect are routed again (stillHolds, ADR 0047).
    const before = done.current;
    const changed = before ? changedRects(before.rects, stickies) : [];
    const found = new Map<string, Reached>();
    const out = new Map<string, Point[]>();
    const request = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
    const idle = (cb: (deadline: { timeRemaining(): number }) => void): number =>
      request ? request(cb, { timeout: IDLE_TIMEOUT_MS }) : (setTimeout(() => cb({ timeRemaining: () => 8 }), 0) as unknown as number);
    const cancelIdle = (globalThis as { cancelIdleCallback?: (h: number) => void }).cancelIdleCallback ?? ((h: number) => clearTimeout(h));
    let k = 0;
    let handle = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let separation: Generator<void, Map<string, Point[]>> | undefined;
    const work = (deadline: { timeRemaining(): number }) => {
      if (performance.now() - lastMove.current < PAN_QUIET_MS) {
        timer = setTimeout(() => (handle = idle(work)), PAN_QUIET_MS);
        return;
      }
      const until = performance.now() + Math.min(8, Math.max(2, deadline.timeRemaining()));
      while (performance.now() < until) {
        if (k < g.edges.length) {
          const e = g.edges[k++]!;
          const a = byId.get(e.source);
          const b = byId.get(e.target);
          if (!a || !b) continue;
          const kept = before?.found.get(e.id);
          const f = kept && stillHolds(kept, a, b, changed) ? kept : routeEdgeReaching(a, b, stickies);
          if (f) {
            found.set(e.id, f);
            out.set(e.id, f.route);
          }
          continue;
        }
        separation ??= separationSteps(stickies, out);
        const step = separation.next();
        if (step.done) {
          // For bench/edge-routes-browser.ts: when the board's arrows are all routed.
          performance.mark('stormsmith:routed', { detail: { arrows: step.value.size } });
          done.current = { rects: byId, found };
          return setRoutes(step.value);
        }
      }
      handle = idle(work);
    };
    handle = idle(work);
    return () => {
      cancelIdle(handle);
      clearTimeout(timer);
    };
  }, [key]);
  return routes;
}

/** Big boards zoomed far out draw no arrows (noise at that zoom, and most of the frame cost). */
const NO_EDGES: BoardEdge[] = [];

function miniMapColor(n: BoardNode): string {
  if (n.type === 'frame') return 'rgba(80,80,120,0.08)';
  return STICKY_STYLES[n.data.kind].color;
}
