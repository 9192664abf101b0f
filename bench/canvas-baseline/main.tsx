// Bare React Flow reference for bench/canvas.ts: plain custom nodes with edges, sizes known up
// front, only visible elements rendered (the configuration of performance.md), measured in the
// same browser and the same run as the real board, so machine load affects both alike.
import { Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

performance.mark('stormsmith:model-ready');
const n = Number(new URLSearchParams(location.search).get('n') ?? '1000');

const Plain = memo(({ data }: NodeProps<Node<{ label: string }>>) => (
  <div data-testid="sticky" style={{ width: '100%', height: '100%', background: '#ffa94d', border: '1px solid #b35c00', padding: 6 }}>
    <Handle type="target" position={Position.Left} />
    {data.label}
    <Handle type="source" position={Position.Right} />
  </div>
));
const nodeTypes = { plain: Plain };

const nodes: Node<{ label: string }>[] = [];
const edges: Edge[] = [];
for (let i = 0; i < n; i++) {
  const ctx = Math.floor(i / 100);
  const k = i % 100;
  nodes.push({ id: `n${i}`, type: 'plain', position: { x: ctx * 2200 + 40 + (k % 10) * 200, y: 80 + Math.floor(k / 10) * 130 }, width: 160, height: 96, data: { label: `Node ${i}` } });
  if (k > 0) edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
}

function Expose() {
  const flow = useReactFlow();
  useEffect(() => {
    (window as unknown as { __stormsmithFlow: unknown }).__stormsmithFlow = flow;
  }, [flow]);
  return null;
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <div style={{ width: '100vw', height: '100vh' }}>
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onlyRenderVisibleElements fitView minZoom={0.05} />
    </div>
    <Expose />
  </ReactFlowProvider>,
);
