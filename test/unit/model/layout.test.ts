// Layout sidecars: parse, write, and patch one line per moved sticky.
import { describe, expect, it } from 'vitest';
import { parseLayout, serializeLayout, type Layout } from '../../../generator/model/index.js';

const SIDECAR = `# Canvas positions for lending.yaml. Written by the Stormsmith canvas; safe to delete.
Member: { x: 40, y: 120 }
BorrowBook: { x: 220, y: 120 }
Loan: { x: 420, y: 120, w: 200, h: 90 }
`;

describe('layout sidecars', () => {
  it('parses positions, with optional size', () => {
    const { layout, diagnostics } = parseLayout(SIDECAR, 'lending.layout.yaml');
    expect(diagnostics).toEqual([]);
    expect(layout.positions).toEqual({ Member: { x: 40, y: 120 }, BorrowBook: { x: 220, y: 120 }, Loan: { x: 420, y: 120, w: 200, h: 90 } });
  });

  it('reports bad positions with their place', () => {
    const { layout, diagnostics } = parseLayout('Loan: { x: "a", y: 1 }\nBook: { x: 1 }\nCopy: { x: 1, y: 2, z: 3 }\n', 'l.layout.yaml');
    expect(diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ['E_TYPE', 1, 12],
      ['E_MISSING_FIELD', 2, 1],
      ['E_UNKNOWN_FIELD', 3, 21],
    ]);
    expect(layout.positions).toEqual({ Copy: { x: 1, y: 2 } });
  });

  it('writes a fresh sidecar', () => {
    const layout: Layout = { positions: { Loan: { x: 1.5, y: -2 }, 'Odd name': { x: 0, y: 0, w: 10, h: 20 } } };
    const text = serializeLayout(layout);
    expect(parseLayout(text, 'x.layout.yaml').layout).toEqual(layout);
    expect(text).toContain('Loan: { x: 1.5, y: -2 }\n');
  });

  it('moving one sticky changes one line, keeps comments and order', () => {
    const { layout } = parseLayout(SIDECAR, 'lending.layout.yaml');
    layout.positions.BorrowBook = { x: 260, y: 140 };
    expect(serializeLayout(layout, SIDECAR)).toBe(SIDECAR.replace('BorrowBook: { x: 220, y: 120 }', 'BorrowBook: { x: 260, y: 140 }'));
    expect(serializeLayout(parseLayout(SIDECAR, 'l').layout, SIDECAR)).toBe(SIDECAR);
  });

  it('adds and removes stickies', () => {
    const { layout } = parseLayout(SIDECAR, 'lending.layout.yaml');
    delete layout.positions.Member;
    layout.positions.BookBorrowed = { x: 620, y: 120 };
    const text = serializeLayout(layout, SIDECAR);
    expect(text).toBe(SIDECAR.replace('Member: { x: 40, y: 120 }\n', '') + 'BookBorrowed: { x: 620, y: 120 }\n');
  });

  it('a renamed sticky keeps its line (issue 14: it used to move to the end)', () => {
    const layout = parseLayout(SIDECAR, 'lending.layout.yaml').layout;
    const { Member, ...rest } = layout.positions;
    const renamed: Layout = { positions: { Visitor: Member!, ...rest } };
    expect(serializeLayout(renamed, SIDECAR)).toBe(SIDECAR.replace('Member: {', 'Visitor: {'));
  });

  it('keeps CRLF line endings', () => {
    const crlf = SIDECAR.replace(/\n/g, '\r\n');
    const { layout } = parseLayout(crlf, 'l');
    layout.positions.Loan = { x: 0, y: 0 };
    const text = serializeLayout(layout, crlf);
    expect(text).toContain('Loan: { x: 0, y: 0 }\r\n');
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
  });
});
