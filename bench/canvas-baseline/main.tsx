// Bare React Flow reference for bench/canvas.ts, in React Flow's best configuration: the SAME
// nodes and edges as the Stormsmith board being measured (positions, sizes and `handles` given
// up front, exported by the bench from the real model -> graph step), only visible elements
// rendered, the same opening viewport on a pane of the same size; plain memoised node components. Measured in the same
// browser and the same run as the real board, so machine load affects both alike.
import { Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

type Data = { label: string };

const Plain = memo(({ data }: NodeProps<Node<Data>>) => (
  <div data-testid="sticky" style={{ width: '100%', height: '100%', background: '#ffa94d', border: '1px solid #b35c00', padding: 6, boxSizing: 'border-box' }}>
    <Handle type="target" position={Position.Left} />
    {data.label}
    <Handle type="source" position={Position.Right} />
  </div>
));
const Frame = memo(({ data }: NodeProps<Node<Data>>) => <div style={{ width: '100%', height: '100%', border: '2px solid #b4b9ca', borderRadius: 12 }}>{data.label}</div>);
const nodeTypes = { sticky: Plain, frame: Frame };

function Expose() {
  const flow = useReactFlow();
  useEffect(() => {
    (window as unknown as { __stormsmithFlow: unknown }).__stormsmithFlow = flow;
  }, [flow]);
  return null;
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const board = (await (await fetch(`./board-${q.get('board')}.json`)).json()) as { nodes: Node<Data>[]; edges: Edge[] };
  performance.mark('stormsmith:model-ready');
  const viewport = { x: Number(q.get('x') ?? 0), y: Number(q.get('y') ?? 0), zoom: Number(q.get('zoom') ?? 1) };
  createRoot(document.getElementById('root')!).render(
    <ReactFlowProvider>
      <div style={{ width: q.has('w') ? `${q.get('w')}px` : '100vw', height: q.has('h') ? `${q.get('h')}px` : '100vh' }}>
        <ReactFlow nodes={board.nodes} edges={board.edges} nodeTypes={nodeTypes} onlyRenderVisibleElements defaultViewport={viewport} minZoom={0.05} maxZoom={2.5} />
      </div>
      <Expose />
    </ReactFlowProvider>,
  );
}

void main();
