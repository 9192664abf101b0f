import { describe, expect, it } from 'vitest';
import { toGraph, type StickyNode } from '../../app/renderer/model/graph.js';
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
    const arrows = g.edges.map((e) => `${e.source.split('/')[2]} -${e.label}-> ${e.target.split('/')[2]}`).sort();
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
