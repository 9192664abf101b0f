// The board's actions over explicit ports (workspace/action-host.ts), with a real session over
// the library example and fake ports for the view and the app: what used to live inline in
// App.tsx (finding the board and the name field by test id) now runs without a browser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, isEnabled } from '../../app/renderer/model/actions.js';
import type { Change } from '../../app/renderer/model/changes.js';
import { toGraph } from '../../app/renderer/model/graph.js';
import { createActionHost, type AppOverlay, type ClipboardItem } from '../../app/renderer/workspace/action-host.js';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { modelCore } from '../../app/renderer/workspace/core.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';

const lending = readFileSync(new URL('../../models/library/lending.yaml', import.meta.url), 'utf8');
const layout = readFileSync(new URL('../../models/library/lending.layout.yaml', import.meta.url), 'utf8');

async function board(options: { selection?: string[]; selectedEdge?: string; center?: { x: number; y: number }; files?: Record<string, string> } = {}) {
  const ws = new MemoryWorkspace(options.files ?? { 'lending.yaml': lending, 'lending.layout.yaml': layout });
  const session = new Session(ws, modelCore, new MemoryBackupStore());
  await session.open();
  const log: string[] = [];
  const opened: AppOverlay[] = [];
  let selection = options.selection ?? [];
  const clipboard = { items: [] as ClipboardItem[] };
  const make = () =>
    createActionHost({
      session,
      selection,
      selectedEdge: options.selectedEdge,
      select: (ids) => {
        selection = ids;
        log.push(`select ${ids.join(',')}`);
      },
      clearSelectedEdge: () => log.push('clear edge'),
      clipboard,
      autoLayout: async (): Promise<Change> => ({ type: 'move', moves: [] }),
      view: {
        center: () => options.center ?? { x: 300, y: 300 },
        fit: (maxZoom) => log.push(`fit ${maxZoom ?? 'any'}`),
        zoomIn: () => log.push('zoom in'),
        zoomOut: () => log.push('zoom out'),
        afterRender: (then) => then(),
      },
      app: {
        open: (o) => void opened.push(o),
        showTab: (t) => log.push(`tab ${t}`),
        focusName: () => log.push('focus name'),
        downloadSvg: (name, svg) => log.push(`svg ${name} ${svg.startsWith('<svg') ? 'ok' : 'bad'}`),
        downloadPng: (name) => log.push(`png ${name}`),
      },
    });
  return { ws, session, log, opened, make, selection: () => selection };
}

const position = (session: Session, id: string) => toGraph(session.getState().model).nodes.find((n) => n.id === id)!.position;

describe('board actions (action host)', () => {
  it('adds a sticky next to the selected one, in its context, and selects it', async () => {
    const { session, make, selection } = await board({ selection: ['Lending/command/BorrowBook'] });
    const before = position(session, 'Lending/command/BorrowBook');
    make().addSticky('event');
    expect(selection()).toEqual(['Lending/event/NewDomainEvent']);
    const added = position(session, 'Lending/event/NewDomainEvent');
    // flow-spot: a later kind goes to the right of the anchor.
    expect(added.x).toBeGreaterThan(before.x);
  });

  it('adds in the frame in the middle of the view when nothing is selected, and refuses on a board without contexts', async () => {
    const { session, make } = await board({ center: { x: 500, y: 400 } });
    make().addSticky('policy');
    expect(session.getState().model.contexts[0]!.policies.map((p) => p.name)).toContain('NewPolicy');
    const empty = await board({ files: {} });
    empty.make().addSticky('policy');
    expect(empty.session.getState().notice).toEqual({ kind: 'refused', text: expect.stringMatching(/^Add a bounded context first/) });
    expect(empty.log).toEqual([]);
  });

  it('Rename puts the keyboard in the name field through the app port (no DOM lookup)', async () => {
    const { make, log } = await board({ selection: ['Lending/command/BorrowBook'] });
    const rename = ACTIONS.find((a) => a.id === 'edit.rename')!;
    const host = make();
    expect(isEnabled(rename, host)).toBe(true);
    rename.run(host);
    expect(log).toEqual(['focus name']);
  });

  it('two nudges from the same host move twice (the session state, not a render copy)', async () => {
    const { session, make } = await board({ selection: ['Lending/aggregate/Loan'] });
    const start = position(session, 'Lending/aggregate/Loan');
    const host = make();
    host.nudge(20, 0);
    host.nudge(20, 0);
    expect(position(session, 'Lending/aggregate/Loan')).toEqual({ x: start.x + 40, y: start.y });
  });

  it('copy then paste adds copies 40 px down-right; delete asks through the app; an arrow is disconnected', async () => {
    const { session, make, opened } = await board({ selection: ['Lending/command/BorrowBook'] });
    const host = make();
    host.copy();
    expect(session.getState().notice?.text).toBe('Copied 1 sticky.');
    host.paste();
    const names = session.getState().model.contexts[0]!.commands.map((c) => c.name);
    expect(names.length).toBe(new Set(names).size);
    const copy = names.find((n) => n.startsWith('BorrowBook') && n !== 'BorrowBook')!;
    const original = position(session, 'Lending/command/BorrowBook');
    expect(position(session, `Lending/command/${copy}`)).toEqual({ x: original.x + 40, y: original.y + 40 });
    host.deleteSelection();
    expect(opened).toEqual([{ delete: [{ context: 'Lending', kind: 'command', name: 'BorrowBook' }] }]);

    const edge = toGraph(session.getState().model).edges[0]!;
    const other = await board({ selectedEdge: edge.id });
    other.make().deleteSelection();
    expect(toGraph(other.session.getState().model).edges.map((e) => e.id)).not.toContain(edge.id);
    expect(other.log).toEqual(['clear edge']);
  });

  it('view, panel, export and comparison actions go to their ports', async () => {
    const { make, log, opened } = await board();
    const host = make();
    for (const id of ['view.fit', 'view.zoomIn', 'view.zoomOut', 'generate.preview', 'view.problems', 'file.exportSvg', 'file.exportPng', 'view.compare', 'view.palette', 'view.search', 'view.shortcuts', 'board.autoLayout']) {
      ACTIONS.find((a) => a.id === id)!.run(host);
    }
    await new Promise((r) => setTimeout(r, 0));
    // The workspace is called "memory" (MemoryWorkspace's default name); auto-layout fits last.
    expect(log).toEqual(['fit 1', 'zoom in', 'zoom out', 'tab generation', 'tab problems', 'svg memory.svg ok', 'png memory.png', 'fit any']);
    expect(opened).toEqual(['compare', 'palette', 'search', 'shortcuts']);
    expect(host.isComparing()).toBe(false);
    expect(isEnabled(ACTIONS.find((a) => a.id === 'view.leaveComparison')!, host)).toBe(false);
  });
});
