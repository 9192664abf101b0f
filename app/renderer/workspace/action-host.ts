// The board's actions (model/actions.ts names them; this implements them) over explicit ports:
// the session, the selection, the board's viewport, the app's overlays and panels, the clipboard,
// downloads. No React and no DOM lookups: the app passes the ports in (the name field to focus,
// the middle of the visible board), so every action runs the same from a menu, a shortcut, the
// palette or the native menu, and is testable without a browser (test/canvas/action-host.test.ts).
// Actions read the session's current state when they run, never a render's copy of it: two quick
// key presses before a re-render act on the newest model.

import type { Element, ElementKind } from '../../../generator/model/types.js';
import type { ActionHost } from '../model/actions.js';
import type { Change } from '../model/changes.js';
import { defaultNameOf, uniqueName } from '../model/elements.js';
import { boardToSvg } from '../model/export-svg.js';
import { flowSpot } from '../model/flow-spot.js';
import { freeSpot } from '../model/free-spot.js';
import { toGraph, toLayoutPosition } from '../model/graph.js';
import { STICKY_STYLES } from '../model/kinds.js';
import { findContext, findElement, nodeIdOf, refOfNodeId, type ElementRef } from '../model/refs.js';
import type { Session } from './session.js';

export interface ClipboardItem {
  element: Element;
  /** Layout position (of its context) when copied. */
  x: number;
  y: number;
}

/** The board's viewport, as the actions need it. */
export interface BoardView {
  /** The board point in the middle of the visible board. */
  center(): { x: number; y: number };
  /** Fits the whole board in view, zooming in no further than `maxZoom` when given. */
  fit(maxZoom?: number): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Runs `then` once the board has rendered the latest model (fit after auto-layout). */
  afterRender(then: () => void): void;
}

/** What the app shows on request. */
export type AppOverlay = 'palette' | 'search' | 'shortcuts' | 'compare' | { delete: ElementRef[] } | { naming: { mode: 'new' } };

export interface AppPorts {
  open(overlay: AppOverlay): void;
  showTab(tab: 'problems' | 'generation'): void;
  /** Puts the keyboard in the selected sticky's name field (the property panel's). */
  focusName(): void;
  downloadSvg(fileName: string, svg: string): void;
  downloadPng(fileName: string, svg: string): void;
}

export interface ActionHostDeps {
  session: Pick<Session, 'getState' | 'apply' | 'undo' | 'redo' | 'save' | 'notify' | 'previewGeneration' | 'runGeneration' | 'comparison'>;
  /** Selected sticky node ids, in the order they were selected (connect goes first -> second). */
  selection: readonly string[];
  selectedEdge: string | undefined;
  select(ids: string[]): void;
  clearSelectedEdge(): void;
  clipboard: { items: ClipboardItem[] };
  view: BoardView;
  app: AppPorts;
  autoLayout(model: import('../../../generator/model/types.js').Model): Promise<Change>;
}

export interface BoardActions extends ActionHost {
  /** Adds a sticky of `kind`: at `at` (a palette drop), else where the flow or the view says. */
  addStickyAt(kind: ElementKind, at?: { x: number; y: number }): void;
}

export function createActionHost(deps: ActionHostDeps): BoardActions {
  const { session, view, app } = deps;
  const selectedRefs = deps.selection.map(refOfNodeId).filter((r): r is ElementRef => r !== undefined);
  const model = () => session.getState().model;

  function addStickyAt(kind: ElementKind, at?: { x: number; y: number }): void {
    const current = model();
    const firstSelected = selectedRefs[0];
    const graph = toGraph(current);
    const center = view.center();
    const frameAt = (p: { x: number; y: number }) =>
      graph.nodes.find((n) => n.type === 'frame' && p.x >= n.position.x && p.y >= n.position.y && p.x <= n.position.x + n.width! && p.y <= n.position.y + n.height!);
    // Dropped on a frame: that context. Otherwise the selection's context, else the frame in
    // the middle of the view, else the first context.
    const dropFrame = at ? frameAt(at) : undefined;
    const viewFrame = frameAt(center);
    let ctxName = firstSelected?.context ?? (viewFrame?.type === 'frame' ? viewFrame.data.context : undefined) ?? current.contexts[0]?.name;
    if (dropFrame?.type === 'frame') ctxName = dropFrame.data.context;
    const ctx = ctxName ? findContext(current, ctxName) : undefined;
    if (!ctx) {
      session.notify({ kind: 'refused', text: 'Add a bounded context first: the "New bounded context" button on the board, or Board > New bounded context.' });
      return;
    }
    const name = uniqueName(ctx, kind, defaultNameOf(kind));
    let position = at;
    if (!position) {
      const style = STICKY_STYLES[kind];
      // Next to the selected sticky where the flow says (flow-spot.ts), else near the middle
      // of the view; never on top of another sticky.
      const taken = graph.nodes.filter((n) => n.type === 'sticky').map((n) => ({ x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 }));
      const anchor = deps.selection.length === 1 ? graph.nodes.find((n) => n.id === deps.selection[0]) : undefined;
      const near =
        anchor?.type === 'sticky' && anchor.data.ref.context === ctx.name
          ? flowSpot({ x: anchor.position.x, y: anchor.position.y, w: anchor.width ?? 0, h: anchor.height ?? 0, kind: anchor.data.kind }, kind, { w: style.width, h: style.height })
          : { x: Math.round(center.x - style.width / 2), y: Math.round(center.y - style.height / 2) };
      position = freeSpot(near, { w: style.width, h: style.height }, taken);
    }
    if (session.apply({ type: 'add', context: ctx.name, kind, name, at: toLayoutPosition(graph, ctx.name, position) })) {
      deps.select([nodeIdOf({ context: ctx.name, kind, name })]);
    }
  }

  const boardSvg = () => {
    const state = session.getState();
    return boardToSvg(toGraph(state.model, { problems: state.problems }));
  };
  const fileName = (ext: string) => `${session.getState().info?.name ?? 'board'}.${ext}`;

  return {
    addStickyAt,
    canUndo: () => session.getState().history.past.length > 0,
    canRedo: () => session.getState().history.future.length > 0,
    selectionSize: () => selectedRefs.length + (deps.selectedEdge ? 1 : 0),
    isDirty: () => session.getState().dirty.size > 0,
    undo: () => session.undo(),
    redo: () => session.redo(),
    save: () => void session.save(),
    copy: () => {
      const current = model();
      const graph = toGraph(current);
      deps.clipboard.items = selectedRefs.flatMap((r) => {
        const el = findElement(current, r);
        const node = graph.nodes.find((n) => n.id === nodeIdOf(r));
        return el && node ? [{ element: el, ...toLayoutPosition(graph, r.context, node.position) }] : [];
      });
      const n = deps.clipboard.items.length;
      session.notify({ kind: 'info', text: `Copied ${n} ${n === 1 ? 'sticky' : 'stickies'}.` });
    },
    paste: () => {
      const items = deps.clipboard.items;
      if (items.length === 0) return;
      const context = selectedRefs[0]?.context ?? items[0]!.element.context;
      session.apply({ type: 'paste', context, elements: items.map((i) => ({ element: i.element, at: { x: Math.round(i.x + 40), y: Math.round(i.y + 40) } })) });
    },
    deleteSelection: () => {
      if (selectedRefs.length > 0) app.open({ delete: selectedRefs });
      else if (deps.selectedEdge) {
        const edge = toGraph(model()).edges.find((e) => e.id === deps.selectedEdge);
        if (edge?.data) session.apply({ type: 'disconnect', link: edge.data.link });
        deps.clearSelectedEdge();
      }
    },
    selectAll: () => deps.select(toGraph(model()).nodes.filter((n) => n.type === 'sticky').map((n) => n.id)),
    connectSelected: () => {
      const [a, b] = selectedRefs;
      if (a && b) session.apply({ type: 'connect', source: a, target: b });
    },
    rename: () => app.focusName(),
    addSticky: (kind) => addStickyAt(kind),
    nudge: (dx, dy) => {
      const graph = toGraph(model());
      const moves = selectedRefs.flatMap((r) => {
        const node = graph.nodes.find((n) => n.id === nodeIdOf(r));
        return node ? [{ ref: r, ...toLayoutPosition(graph, r.context, { x: node.position.x + dx, y: node.position.y + dy }) }] : [];
      });
      if (moves.length > 0) session.apply({ type: 'move', moves });
    },
    showShortcuts: () => app.open('shortcuts'),
    newContext: () => {
      session.notify(undefined);
      app.open({ naming: { mode: 'new' } });
    },
    autoLayout: () => {
      void deps.autoLayout(model()).then((change) => {
        session.apply(change, 'Auto-layout');
        view.afterRender(() => view.fit());
      });
    },
    fitView: () => view.fit(1),
    zoomIn: () => view.zoomIn(),
    zoomOut: () => view.zoomOut(),
    search: () => app.open('search'),
    commandPalette: () => app.open('palette'),
    exportSvg: () => app.downloadSvg(fileName('svg'), boardSvg()),
    exportPng: () => app.downloadPng(fileName('png'), boardSvg()),
    previewGeneration: () => {
      app.showTab('generation');
      void session.previewGeneration();
    },
    runGeneration: () => {
      app.showTab('generation');
      void session.runGeneration();
    },
    showProblems: () => app.showTab('problems'),
    isComparing: () => session.comparison.getState().status !== 'off',
    compare: () => app.open('compare'),
    leaveComparison: () => session.comparison.close(),
  };
}
