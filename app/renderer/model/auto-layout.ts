// Auto-layout with elkjs: each bounded context is one compound node, so its stickies stay
// together, laid out left to right along the flow (actor -> command -> aggregate -> event ->
// policy / read model). The result is a single `move` change: undoable, and saved to the layout
// sidecar like any manual move; nothing moves unless the user asks for it.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Model } from '../../../generator/model/types.js';
import type { Change } from './changes.js';
import { toGraph } from './graph.js';
import { refOfNodeId } from './refs.js';

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
  const moves: Extract<Change, { type: 'move' }>['moves'] = [];
  for (const ctx of laid.children ?? []) {
    for (const n of ctx.children ?? []) {
      const ref = refOfNodeId(n.id);
      // Child coordinates are relative to their context node: exactly the layout sidecar's
      // context-local space (the board places contexts side by side itself).
      if (ref) moves.push({ ref, x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) });
    }
  }
  return { type: 'move', moves };
}
