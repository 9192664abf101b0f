import { describe, expect, it } from 'vitest';
import { toGraph, type StickyNode } from '../../app/renderer/model/graph.js';
import { RELATION_LABEL } from '../../app/renderer/model/grammar.js';
import { STICKY_STYLES } from '../../app/renderer/model/kinds.js';
import { refOfNodeId } from '../../app/renderer/model/refs.js';
import { lendingModel } from './fixture.js';

describe('model -> graph', () => {
  it('makes one sticky per element with its colour kind and a known size', () => {
    const g = toGraph(lendingModel());
    const stickies = g.nodes.filter((n): n is StickyNode => n.type === 'sticky');
    expect(stickies.map((n) => n.id).sort()).toEqual(
      [
        'Lending/actor/Member',
        'Lending/aggregate/Loan',
        'Lending/command/BorrowBook',
        'Lending/command/SendReminder',
        'Lending/event/BookBorrowed',
        'Lending/event/LoanFellDue',
        'Lending/externalSystem/Clock',
        'Lending/policy/RemindWhenDue',
        'Lending/projection/ActiveLoans',
      ].sort(),
    );
    for (const n of stickies) {
      expect(n.width).toBe(STICKY_STYLES[n.data.kind].width);
      expect(n.height).toBe(STICKY_STYLES[n.data.kind].height);
      expect(refOfNodeId(n.id)).toEqual(n.data.ref);
    }
  });

  it('keeps saved positions and places the others in flow columns without overlap', () => {
    const g = toGraph(lendingModel());
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('Lending/aggregate/Loan')!.position).toEqual({ x: 420, y: 120 });
    const actor = byId.get('Lending/actor/Member')!.position;
    const command = byId.get('Lending/command/BorrowBook')!.position;
    const event = byId.get('Lending/event/BookBorrowed')!.position;
    expect(actor.x).toBeLessThan(command.x);
    expect(command.x).toBeLessThan(event.x);
    const keys = g.nodes.filter((n) => n.type === 'sticky').map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('draws a frame per context around all its stickies, before them in paint order', () => {
    const g = toGraph(lendingModel());
    expect(g.nodes[0]!.type).toBe('frame');
    const frame = g.nodes[0]!;
    for (const n of g.nodes.slice(1)) {
      expect(n.position.x).toBeGreaterThanOrEqual(frame.position.x);
      expect(n.position.y).toBeGreaterThanOrEqual(frame.position.y);
      expect(n.position.x + n.width!).toBeLessThanOrEqual(frame.position.x + frame.width!);
      expect(n.position.y + n.height!).toBeLessThanOrEqual(frame.position.y + frame.height!);
    }
  });

  it('turns references into labelled arrows in the direction of the flow', () => {
    const g = toGraph(lendingModel());
    const arrows = g.edges.map((e) => `${e.source.split('/')[2]} -${RELATION_LABEL[e.data!.relation]}-> ${e.target.split('/')[2]}`).sort();
    expect(arrows).toEqual(
      [
        'BookBorrowed -feeds-> ActiveLoans',
        'BorrowBook -emits-> BookBorrowed',
        'BorrowBook -handled by-> Loan',
        'Clock -delivers-> LoanFellDue',
        'Loan -records-> BookBorrowed',
        'LoanFellDue -triggers-> RemindWhenDue',
        'Member -invokes-> BorrowBook',
        'RemindWhenDue -issues-> SendReminder',
        'SendReminder -handled by-> Loan',
      ].sort(),
    );
  });

  it('puts problem counts on the sticky they belong to', () => {
    const g = toGraph(lendingModel(), { problems: new Map([['Lending/aggregate/Loan', { errors: 1, warnings: 0, first: 'x' }]]) });
    const loan = g.nodes.find((n) => n.id === 'Lending/aggregate/Loan') as StickyNode;
    expect(loan.data.problems).toEqual({ errors: 1, warnings: 0, first: 'x' });
  });
});

describe('default placement', () => {
  it('never puts an unplaced sticky on top of a saved one', () => {
    const model = lendingModel();
    // Saved exactly where the first command would go by default.
    model.layouts['lending.yaml']!.positions.Member = { x: 260, y: 76 };
    const g = toGraph(model);
    const rects = g.nodes.filter((n) => n.type === 'sticky').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: n.width!, h: n.height! }));
    for (const a of rects)
      for (const b of rects) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
  });
});

describe('free spot for a new sticky', async () => {
  const { freeSpot } = await import('../../app/renderer/model/free-spot.js');
  it('keeps the wanted point when it is free and moves off an occupied one', () => {
    expect(freeSpot({ x: 0, y: 0 }, { w: 100, h: 50 }, [])).toEqual({ x: 0, y: 0 });
    const taken = [{ x: 0, y: 0, w: 100, h: 50 }];
    const p = freeSpot({ x: 10, y: 10 }, { w: 100, h: 50 }, taken);
    const overlap = p.x < 100 + 16 && 0 < p.x + 100 + 16 && p.y < 50 + 16 && 0 < p.y + 50 + 16;
    expect(overlap).toBe(false);
  });
});
