// Level of detail for big boards zoomed far out: every sticky is painted as a coloured
// rectangle on one canvas instead of hundreds of DOM boxes (the sticky nodes stay in the DOM,
// transparent, so clicking and dragging still work). Redrawn on every viewport change, which
// costs far less than re-rasterising the DOM nodes under software rendering.

import { useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { BoardNode } from '../../model/graph.js';
import { STICKY_STYLES } from '../../model/kinds.js';

export function FarCanvas({ nodes }: { nodes: BoardNode[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const n of nodes) {
      if (n.type !== 'sticky') continue;
      const x = n.position.x * zoom + tx;
      const y = n.position.y * zoom + ty;
      const w = (n.width ?? 0) * zoom;
      const h = (n.height ?? 0) * zoom;
      if (x > width || y > height || x + w < 0 || y + h < 0) continue;
      ctx.fillStyle = STICKY_STYLES[n.data.kind].color;
      ctx.fillRect(x, y, w, h);
      const problems = n.data.problems;
      if (n.selected || (problems && problems.errors + problems.warnings > 0)) {
        ctx.lineWidth = n.selected ? 3 : 4;
        ctx.strokeStyle = n.selected ? '#1d4ed8' : problems && problems.errors > 0 ? '#d92d20' : '#f79009';
        ctx.strokeRect(x, y, w, h);
      }
    }
  }, [nodes, tx, ty, zoom, width, height]);

  return <canvas ref={ref} className="far-canvas" data-testid="far-canvas" style={{ width, height }} />;
}
