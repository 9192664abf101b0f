// Auto-layout as a timeline: each bounded context is one compound node, so its stickies stay
// together; elkjs's layered algorithm orders them left to right by causal flow (actor ->
// command -> aggregate -> event -> policy -> next command, read models after the events that
// feed them), then each context is cut into horizontal swimlanes, one per aggregate (its
// commands, events and the policies that issue its commands), one per external system, and one
// for what belongs to no aggregate. The result is a single `move` change: undoable, and saved to
// the layout sidecar like any manual move; nothing moves unless the user asks for it.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Model } from '../../../generator/model/types.js';
import type { Change } from './changes.js';
import { toGraph } from './graph.js';
import { linksOf, type Link } from './links.js';
import { nodeIdOf, refOfNodeId, type ElementRef } from './refs.js';

// elkjs is ~1.5 MB of generated code that takes ~100 ms to evaluate: loaded on first use, not
// at start-up (the board must open fast).
let elk: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | undefined;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

export async function autoLayout(model: Model): Promise<Change> {
  const graph = toGraph(model);
  const contextOf = new Map<string, string>();
  const children: ElkNode[] = model.contexts.map((ctx) => ({
    id: `ctx:${ctx.name}`,
    layoutOptions: { 'elk.padding': '[top=56,left=40,bottom=40,right=40]' },
    children: [],
    edges: [],
  }));
  const byContext = new Map(children.map((c) => [c.id, c]));
  for (const n of graph.nodes) {
    if (n.type !== 'sticky') continue;
    const parent = byContext.get(`ctx:${n.data.ref.context}`)!;
    contextOf.set(n.id, parent.id);
    parent.children!.push({ id: n.id, width: n.width!, height: n.height! });
  }
  const crossEdges: ElkExtendedEdge[] = [];
  for (const e of graph.edges) {
    // Reading a read model is information, not causal flow: a policy that reads a read model fed
    // by its own command's event would close a cycle, and the layering would then break it at a
    // causal arrow (issue 17 item 5). Such arrows are drawn, just not laid out by.
    if (e.data?.relation === 'reads') continue;
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.source], targets: [e.target] };
    const a = contextOf.get(e.source);
    if (a && a === contextOf.get(e.target)) byContext.get(a)!.edges!.push(edge);
    else crossEdges.push(edge);
  }
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.componentComponent': '60',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges: crossEdges,
  };
  const laid = await (await loadElk()).layout(root);
  const lanes = laneOf(model);
  const moves: Extract<Change, { type: 'move' }>['moves'] = [];
  for (const ctx of laid.children ?? []) {
    // Child coordinates are relative to their context node: exactly the layout sidecar's
    // context-local space (the board places contexts side by side itself). x comes from elk
    // (causal order); y from the swimlane.
    const placed = swimlanes(
      (ctx.children ?? []).map((n) => ({ id: n.id, x: Math.round(n.x ?? 0), width: n.width ?? 0, height: n.height ?? 0, lane: lanes.get(n.id) ?? OTHER_LANE })),
      laneOrder(model, ctx.id.slice('ctx:'.length)),
    );
    for (const p of placed) {
      const ref = refOfNodeId(p.id);
      if (ref) moves.push({ ref, x: p.x, y: p.y });
    }
  }
  return { type: 'move', moves };
}

const OTHER_LANE = '~other';
const TOP = 56;
const ROW = 130;
const LANE_GAP = 40;
const H_GAP = 24;

/** The swimlane of every sticky: an aggregate's, an external system's, or the shared one. */
export function laneOf(model: Model): Map<string, string> {
  const lane = new Map<string, string>();
  const links = linksOf(model);
  const id = (r: ElementRef) => nodeIdOf(r);
  for (const ctx of model.contexts) for (const a of ctx.aggregates) lane.set(id({ context: ctx.name, kind: 'aggregate', name: a.name }), `agg:${ctx.name}/${a.name}`);
  for (const ctx of model.contexts) for (const s of ctx.externalSystems) lane.set(id({ context: ctx.name, kind: 'externalSystem', name: s.name }), `ext:${ctx.name}/${s.name}`);
  const follow = (relation: Link['relation'], from: 'source' | 'target') => {
    for (const l of links) {
      if (l.relation !== relation) continue;
      const [known, other] = from === 'source' ? [l.source, l.target] : [l.target, l.source];
      const k = lane.get(id(known));
      // Only inside one context: a lane is a row of its context's frame.
      if (k && !lane.has(id(other)) && known.context === other.context) lane.set(id(other), k);
    }
  };
  follow('aggregate', 'target'); // command -> its aggregate's lane
  follow('owns', 'source'); // event <- its aggregate
  follow('delivers', 'source'); // event <- its external system
  follow('emits', 'source'); // draft events a settled command emits
  follow('issues', 'target'); // policy -> the lane of the command it issues
  follow('on', 'source'); // other policies: the lane of the event they react to
  follow('from', 'source'); // read models: the lane of their first event
  follow('actor', 'target'); // actors: the lane of their first command
  follow('reads', 'source');
  return lane;
}

/** Lanes of one context, top to bottom: external systems (inputs), aggregates in file order, the rest. */
function laneOrder(model: Model, context: string): string[] {
  const ctx = model.contexts.find((c) => c.name === context);
  if (!ctx) return [OTHER_LANE];
  return [...ctx.externalSystems.map((s) => `ext:${context}/${s.name}`), ...ctx.aggregates.map((a) => `agg:${context}/${a.name}`), OTHER_LANE];
}

interface Laid {
  id: string;
  x: number;
  width: number;
  height: number;
  lane: string;
}

/** Rows inside each lane (stickies whose x ranges overlap stack), lanes one under the other. */
export function swimlanes(nodes: readonly Laid[], order: readonly string[]): { id: string; x: number; y: number }[] {
  const out: { id: string; x: number; y: number }[] = [];
  let top = TOP;
  const rank = (lane: string) => (order.includes(lane) ? order.indexOf(lane) : order.length);
  const lanes = [...new Set(nodes.map((n) => n.lane))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const lane of lanes) {
    const rowsEnd: number[] = [];
    const members = nodes.filter((m) => m.lane === lane).sort((a, b) => a.x - b.x || a.id.localeCompare(b.id));
    const row = Math.max(ROW, ...members.map((m) => m.height + 30));
    for (const n of members) {
      let r = rowsEnd.findIndex((end) => end + H_GAP <= n.x);
      if (r < 0) r = rowsEnd.push(0) - 1;
      rowsEnd[r] = n.x + n.width;
      out.push({ id: n.id, x: n.x, y: top + r * row });
    }
    top += Math.max(1, rowsEnd.length) * row + LANE_GAP;
  }
  return out;
}
