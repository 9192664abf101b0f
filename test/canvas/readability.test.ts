// Issue 14, readable at every zoom: names wrap only between words, arrows carry a head in their
// meaning's colour, and the opening view is readable.
import { describe, expect, it } from 'vitest';
import { openingViewPlan } from '../../app/renderer/model/opening-view.js';
import { toGraph } from '../../app/renderer/model/graph.js';
import { RELATION_COLOR } from '../../app/renderer/model/grammar.js';
import { nameSegments } from '../../app/renderer/model/wrap.js';
import { lendingModel } from './fixture.js';

describe('name wrapping', () => {
  it('breaks at words and camelCase boundaries, never inside a word', () => {
    expect(nameSegments('ActiveSubscriptions')).toEqual(['Active', 'Subscriptions']);
    expect(nameSegments('ActiveSubscriptionsByPlan')).toEqual(['Active', 'Subscriptions', 'By', 'Plan']);
    expect(nameSegments('HTTPRequestSent')).toEqual(['HTTP', 'Request', 'Sent']);
    expect(nameSegments('Who may void a sale?')).toEqual(['Who ', 'may ', 'void ', 'a ', 'sale?']);
    expect(nameSegments('Loan')).toEqual(['Loan']);
    expect(nameSegments('Order2Shipped')).toEqual(['Order2', 'Shipped']);
  });
});

describe('arrows', () => {
  it('have an arrowhead in the colour of their meaning and a visible stroke', () => {
    const { edges } = toGraph(lendingModel());
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      const color = RELATION_COLOR[e.data!.relation];
      expect(e.markerEnd).toMatchObject({ type: 'arrowclosed', color });
      expect(e.style).toMatchObject({ stroke: color, strokeWidth: 2 });
    }
  });
});

describe('opening view', () => {
  const frame = (x: number, w: number) => ({ x, y: 0, width: w, height: 600 });
  it('fits the board when that is readable, never above 100%', () => {
    expect(openingViewPlan([frame(0, 900)], { width: 1200, height: 800 })).toEqual({ kind: 'fit' });
  });
  it('shows the first context at a readable zoom when the whole board would be too small', () => {
    const plan = openingViewPlan([frame(0, 1600), frame(1800, 1600), frame(3600, 1600)], { width: 1200, height: 800 });
    expect(plan.kind).toBe('first');
    if (plan.kind === 'first') expect(plan.zoom).toBeGreaterThanOrEqual(0.6);
  });
});

describe('sticky subtitles', () => {
  it('never repeat the kind (it is the title line already)', () => {
    const { nodes } = toGraph(lendingModel());
    for (const n of nodes) if (n.type === 'sticky') expect(n.data.detail.toLowerCase()).not.toBe(n.data.kind.toLowerCase().replace('externalsystem', 'external system'));
    const actor = nodes.find((n) => n.type === 'sticky' && n.data.kind === 'actor');
    expect(actor?.type === 'sticky' && actor.data.detail).toBe('');
  });
});

describe('SVG export', () => {
  it('wraps long names inside the sticky and keeps the arrows coloured by meaning', async () => {
    const { boardToSvg } = await import('../../app/renderer/model/export-svg.js');
    const { wrapLines } = await import('../../app/renderer/model/wrap.js');
    expect(wrapLines('ActiveLoansByMember', 12)).toEqual(['ActiveLoans', 'ByMember']);
    expect(wrapLines('OneTwoThreeFourFiveSixSeven', 6, 3)).toEqual(['OneTwo', 'Three', 'Four…']);
    const svg = boardToSvg(toGraph(lendingModel()));
    expect(svg).not.toContain('stroke="#555"');
    for (const color of new Set(Object.values(RELATION_COLOR))) expect(svg).toContain(`marker id="arrow-${color.slice(1)}"`);
    expect(svg).toMatch(/<tspan[^>]*>BorrowBook<\/tspan>/);
  });
});

describe('new stickies land where the flow says', () => {
  it('right of the selection for a later kind, left of it for an earlier one, same row', async () => {
    const { flowSpot } = await import('../../app/renderer/model/flow-spot.js');
    const command = { x: 200, y: 120, w: 160, h: 96, kind: 'command' as const };
    expect(flowSpot(command, 'event', { w: 160, h: 96 })).toEqual({ x: 420, y: 120 });
    expect(flowSpot(command, 'aggregate', { w: 180, h: 110 })).toEqual({ x: 420, y: 120 });
    expect(flowSpot(command, 'actor', { w: 110, h: 56 })).toEqual({ x: 30, y: 120 });
    expect(flowSpot({ ...command, kind: 'event' }, 'policy', { w: 160, h: 96 })).toEqual({ x: 420, y: 120 });
  });
});
