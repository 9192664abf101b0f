// The board in "changes against <ref>" mode (docs/diff.md): the semantic diff the generator
// computed (WorkspaceApi.compareWith, the same as `stormsmith diff`) laid over the board. Pure:
// it never diffs models itself, it only places the diff's verdicts on stickies and arrows.
//
// - added, changed and renamed elements mark their sticky on the board;
// - removed elements come back as ghosts (not selectable, not connectable) where they stood at
//   the revision: their old layout position in the board frame of their context, or to the right
//   of the board when the whole context was removed;
// - arrows are compared by relation and ends (old names followed through renames): an arrow the
//   revision did not have is marked added, an arrow it had and the board has not is drawn as a
//   removed ghost arrow.

import type { ModelChange, ModelComparison } from '../../shared/workspace-api.js';
import type { ElementKind, Model } from '../../../generator/model/types.js';
import { contextOffsets, toGraph, type BoardEdge, type BoardNode, type FrameNode, type Graph, type StickyData, type StickyNode } from './graph.js';
import { nodeIdOf } from './refs.js';

/** What a sticky shows in comparison mode: its mark, and what `stormsmith diff` says (headline, details). */
export type CompareInfo = NonNullable<StickyData['compare']>;
export type CompareMark = CompareInfo['mark'];

/** A comparison ready for the board: the diff keyed by node id, and the model at the revision. */
export interface BoardComparison {
  ref: string;
  headline: string;
  summary: Record<string, number>;
  /** Node id (of the board, i.e. the current name) -> mark. Removed elements use their old id. */
  marks: ReadonlyMap<string, CompareInfo>;
  /** Old node id -> current node id of renamed elements. */
  renamedFrom: ReadonlyMap<string, string>;
  /** The model at the revision (drawn for ghosts), loaded by the board's model core. */
  before: Model;
  /** Contexts that exist only at the revision. */
  removedContexts: ReadonlySet<string>;
}

/** Prefix of ghost node and edge ids: never a model element's id (refOfNodeId refuses `ghost/<Context>/...`). */
export const GHOST = 'ghost/';

type ElementChange = Extract<ModelChange, { element: unknown }>;
const hasElement = (c: ModelChange): c is ElementChange => 'element' in c;

export function boardComparison(comparison: ModelComparison, before: Model): BoardComparison {
  const marks = new Map<string, CompareInfo>();
  const renamedFrom = new Map<string, string>();
  const removedContexts = new Set<string>();
  comparison.changes.forEach((c, i) => {
    const notes = comparison.notes[i] ?? [];
    if (c.change === 'context-removed') removedContexts.add(c.context);
    if (!hasElement(c)) return;
    const id = nodeIdOf({ context: c.element.context, kind: c.element.kind as ElementKind, name: c.element.name });
    marks.set(id, { mark: c.change, notes });
    if (c.change === 'renamed') renamedFrom.set(nodeIdOf({ context: c.element.context, kind: c.element.kind as ElementKind, name: c.from }), id);
  });
  return { ref: comparison.ref, headline: comparison.headline, summary: comparison.summary, marks, renamedFrom, before, removedContexts };
}

/** Room between the board's last frame and the frames of removed contexts. */
const REMOVED_CONTEXT_GAP = 160;

const edgeKey = (relation: string, source: string, target: string): string => `${relation}\u0000${source}\u0000${target}`;

/** The revision's board, drawn once per comparison (the overlay is recomputed on every edit). */
const oldGraphs = new WeakMap<BoardComparison, Graph>();
function oldGraphOf(cmp: BoardComparison): Graph {
  let graph = oldGraphs.get(cmp);
  if (!graph) oldGraphs.set(cmp, (graph = toGraph(cmp.before)));
  return graph;
}

/** The board graph with the comparison laid over it (marks, ghost stickies and ghost arrows). */
export function withComparison(graph: Graph, cmp: BoardComparison): Graph {
  const nodes: BoardNode[] = graph.nodes.map((n) => {
    if (n.type !== 'sticky') return n;
    const info = cmp.marks.get(n.id);
    return info && info.mark !== 'removed' ? { ...n, data: { ...n.data, compare: info } } : n;
  });
  const onBoard = new Set(graph.nodes.map((n) => n.id));

  // Where the revision's stickies go: their place in the old board, moved by how far their
  // context's frame moved (contexts removed since sit right of the board).
  const old = oldGraphOf(cmp);
  const oldOffsets = contextOffsets(old);
  const newOffsets = contextOffsets(graph);
  const right = Math.max(0, ...graph.nodes.filter((n) => n.type === 'frame').map((n) => n.position.x + (n.width ?? 0)));
  const oldFrames = old.nodes.filter((n): n is FrameNode => n.type === 'frame' && cmp.removedContexts.has(n.data.context));
  const oldLeft = Math.min(...oldFrames.map((f) => f.position.x));
  const shift = new Map<string, { x: number; y: number }>();
  for (const [context, o] of oldOffsets) {
    const now = newOffsets.get(context);
    shift.set(context, now ? { x: now.x - o.x, y: now.y - o.y } : { x: right + REMOVED_CONTEXT_GAP - oldLeft, y: 0 });
  }
  for (const f of oldFrames) {
    const d = shift.get(f.data.context)!;
    nodes.push({ ...f, id: `${GHOST}${f.id}`, position: { x: f.position.x + d.x, y: f.position.y + d.y }, draggable: false, selectable: false, data: { ...f.data, ghost: true } });
  }
  const ghostIds = new Map<string, string>();
  for (const n of old.nodes) {
    if (n.type !== 'sticky' || cmp.marks.get(n.id)?.mark !== 'removed') continue;
    const d = shift.get(n.data.ref.context) ?? { x: 0, y: 0 };
    const id = `${GHOST}${n.id}`;
    ghostIds.set(n.id, id);
    const ghost: StickyNode = {
      ...n,
      id,
      position: { x: n.position.x + d.x, y: n.position.y + d.y },
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
      data: { ...n.data, compare: cmp.marks.get(n.id)!, ghost: true },
    };
    nodes.push(ghost);
  }

  // Arrows: the old ones with their ends named as on the board (renamed ends followed, removed
  // ends as their ghosts).
  const boardEnd = (oldId: string): string | undefined => ghostIds.get(oldId) ?? cmp.renamedFrom.get(oldId) ?? (onBoard.has(oldId) ? oldId : undefined);
  const oldKeys = new Set<string>();
  // Keyed once: the overlay is recomputed on every edit while comparing, on boards of 1000+ arrows.
  const newKeys = new Set(graph.edges.flatMap((e) => (e.data ? [edgeKey(e.data.relation, e.source, e.target)] : [])));
  const ghostEdges: BoardEdge[] = [];
  for (const e of old.edges) {
    const source = boardEnd(e.source);
    const target = boardEnd(e.target);
    if (!source || !target || !e.data) continue;
    const key = edgeKey(e.data.relation, source, target);
    oldKeys.add(key);
    if (newKeys.has(key)) continue;
    ghostEdges.push({
      ...e,
      id: `${GHOST}${e.id}`,
      source,
      target,
      selectable: false,
      focusable: false,
      className: 'compare-removed',
      style: { ...e.style, strokeDasharray: '6 5', opacity: 0.55 },
    });
  }
  const edges = graph.edges.map((e) => (e.data && !oldKeys.has(edgeKey(e.data.relation, e.source, e.target)) ? { ...e, className: 'compare-added', style: { ...e.style, strokeWidth: 3.5 } } : e));
  return { nodes, edges: [...edges, ...ghostEdges] };
}
