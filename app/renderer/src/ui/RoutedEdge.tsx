// An arrow drawn along its orthogonal route (model/edge-routes.ts): around the stickies, with
// rounded corners. The route was computed for the stickies where the model puts them; while a
// sticky is being dragged (its handle is no longer where the route starts or ends) the arrow is
// drawn as React Flow's orthogonal step path until the drop re-routes it.

import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { CORNER, labelPoint, roundedPath } from '../../model/edge-path.js';
import type { Point } from '../../model/edge-routes.js';
import type { BoardEdge } from '../../model/graph.js';

/** How far React Flow's handle point may be from the route's port (handles straddle the border). */
const PORT_SLACK = 12;

function RoutedEdgeView(props: EdgeProps<BoardEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const route = data?.route;
  const near = (p: Point, x: number, y: number) => Math.abs(p.x - x) <= PORT_SLACK && Math.abs(p.y - y) <= PORT_SLACK;
  let path: string;
  let label: Point;
  const routed = !!route && route.length >= 2 && near(route[0]!, sourceX, sourceY) && near(route[route.length - 1]!, targetX, targetY);
  if (routed) {
    // Start and end exactly on React Flow's handle points; the first and last segments stay horizontal.
    const points = route.map((p) => ({ ...p }));
    const n = points.length;
    points[0] = { x: sourceX, y: sourceY };
    points[n - 1] = { x: targetX, y: targetY };
    if (n > 2) {
      points[1]!.y = sourceY;
      points[n - 2]!.y = targetY;
    }
    path = roundedPath(points);
    label = labelPoint(points);
  } else {
    const [d, x, y] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: CORNER });
    path = d;
    label = { x, y };
  }
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={label.x}
      labelY={label.y}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      style={props.style}
      interactionWidth={props.interactionWidth}
      data-routed={routed ? 'yes' : 'no'}
    />
  );
}

export const RoutedEdge = memo(RoutedEdgeView);

export const EDGE_TYPES = { routed: RoutedEdge };
