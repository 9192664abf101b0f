// The canvas in real Chromium, served by `stormsmith studio` over a scratch copy of the library
// example: the whole loop from adding stickies to saving YAML and reacting to the disk.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { GenerationPreview } from '../../app/shared/workspace-api.js';
import { describe, expect, it } from 'vitest';
import { openExample, type Board } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { addField, connect } from './support/gestures.js';
import { sticky } from './support/locators.js';
import { GENERATION_TIMEOUT_MS } from './support/patience.js';

const session = useBoardSession();

/** The library example opened, drawn without a page error; `out` is where its config sends code. */
async function openLibrary(): Promise<Board & { out: string }> {
  const board = await openExample(session, 'library', 'Loan');
  expect(board.errors).toEqual([]);
  return board;
}

async function rename(page: Page, to: string): Promise<void> {
  const input = page.getByTestId('prop-name');
  await input.fill(to);
  await input.press('Enter');
  await sticky(page, to).waitFor();
}

const badge = (page: Page, name: string) => sticky(page, name).getByTestId('badge');

/** Text of `after` with the YAML blocks of the named map entries (2-space keys) cut out. */
function withoutBlocks(after: string, names: string[]): string {
  const lines = after.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line.trim() === '') skipping = false;
    else if (/^ {2}\S/.test(line) || /^\S/.test(line)) skipping = names.some((n) => line.startsWith(`  ${n}:`));
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

describe('canvas in Chromium through stormsmith studio', () => {
  it('adds, connects and edits stickies with live validation, undo/redo, and a minimal YAML save', { timeout: 90_000 }, async () => {
    const board = await openLibrary();
    const { page, dir } = board;
    try {
      const original = readFileSync(path.join(dir, 'lending.yaml'), 'utf8');
      await expect.poll(() => page.locator('[data-testid="sticky"]').count()).toBe(19);

      // A command from the keyboard, an event from the palette.
      await page.locator('body').press('c');
      await sticky(page, 'NewCommand').waitFor();
      await rename(page, 'ExtendLoan');
      await expect.poll(() => badge(page, 'ExtendLoan').count()).toBe(1);
      await page.getByTestId('palette-event').click();
      await sticky(page, 'NewDomainEvent').waitFor();
      await rename(page, 'LoanExtended');

      // A meaningless connection is refused with a reason.
      await connect(page, 'LoanExtended', 'ExtendLoan');
      await expect(page.getByTestId('notice').getAttribute('data-kind')).resolves.toBe('refused');
      expect(await page.getByTestId('notice').textContent()).toMatch(/policy/);

      // command -> event (emits), command -> aggregate, aggregate -> event (records).
      await connect(page, 'ExtendLoan', 'LoanExtended');
      await connect(page, 'ExtendLoan', 'Loan');
      await connect(page, 'Loan', 'LoanExtended');
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);

      // The command still lacks the aggregate's identity field: the badge stays until it is added.
      await sticky(page, 'ExtendLoan').click();
      await expect.poll(() => badge(page, 'ExtendLoan').count()).toBe(1);
      await page.getByTestId('fields-Fields').getByTestId('field-add').click();
      const name = page.getByTestId('field-name').last();
      await name.fill('loanId');
      const type = page.getByTestId('field-type').last();
      await type.fill('uuid');
      await type.press('Enter');
      await expect.poll(() => badge(page, 'ExtendLoan').count()).toBe(0);

      // Undo brings the problem back, redo clears it again.
      await page.getByTestId('undo').click();
      await expect.poll(() => badge(page, 'ExtendLoan').count()).toBe(1);
      await page.getByTestId('redo').click();
      await expect.poll(() => badge(page, 'ExtendLoan').count()).toBe(0);

      // The event gets a field too, then everything is saved.
      await sticky(page, 'LoanExtended').click();
      await page.getByTestId('fields-Fields').getByTestId('field-add').click();
      await page.getByTestId('field-name').last().fill('loanId');
      await page.getByTestId('field-type').last().fill('uuid');
      await page.getByTestId('field-type').last().press('Enter');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');

      const saved = readFileSync(path.join(dir, 'lending.yaml'), 'utf8');
      expect(saved).toContain('  ExtendLoan:');
      expect(saved).toContain('  LoanExtended:');
      // Only the two new elements were written: cut them out and the file is what it was.
      expect(withoutBlocks(saved, ['ExtendLoan', 'LoanExtended'])).toBe(original);
      const extend = saved.slice(saved.indexOf('  ExtendLoan:'), saved.indexOf('\n  ', saved.indexOf('  ExtendLoan:') + 14) + 200);
      expect(extend).toMatch(/aggregate: Loan/);
      expect(extend).toMatch(/emits: \[LoanExtended\]|- LoanExtended/);
      const layout = readFileSync(path.join(dir, 'lending.layout.yaml'), 'utf8');
      expect(layout).toMatch(/^ExtendLoan: \{ x: -?\d+, y: -?\d+ \}$/m);
      expect(await page.getByTestId('problem-count').textContent()).toMatch(/^0 errors/);
    } finally {
      await board.close();
    }
  });

  it('reloads a clean board when the file changes on disk and asks when the board is dirty', { timeout: 90_000 }, async () => {
    const board = await openLibrary();
    const { page, dir } = board;
    try {
      const file = path.join(dir, 'lending.yaml');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('actors:\n', 'actors:\n  Visitor:\n    description: Walks in without a card.\n'));
      await sticky(page, 'Visitor').waitFor();
      expect(await page.getByTestId('notice').textContent()).toMatch(/Reloaded lending.yaml/);

      // Now with an unsaved edit: no silent reload, a question instead, and the edit survives.
      await sticky(page, 'Visitor').click();
      await rename(page, 'WalkIn');
      writeFileSync(file, readFileSync(file, 'utf8').replace('A registered library member', 'A registered member'));
      await page.getByTestId('conflict-dialog').waitFor();
      await page.getByTestId('conflict-keep-mine').click();
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');
      const saved = readFileSync(file, 'utf8');
      expect(saved).toContain('  WalkIn:');
      expect(saved).not.toContain('  Visitor:');
    } finally {
      await board.close();
    }
  });

  it('deletes with the links listed, finds, copies, drops from the palette, exports, previews generation', { timeout: 90_000 }, async () => {
    const board = await openLibrary();
    const { page, studio } = board;
    try {
      // Search jumps to (and selects) an element.
      await page.keyboard.press('Control+f');
      await page.getByTestId('search-input').fill('OverdueL');
      await page.getByTestId('search-input').press('Enter');
      await expect.poll(() => page.getByTestId('properties').getAttribute('data-element')).toBe('OverdueLoans');

      // Delete shows the links that go with it.
      await page.locator('body').press('Delete');
      const links = await page.getByTestId('delete-links').textContent();
      expect(links).toMatch(/LoanFellDue.*feeds.*OverdueLoans/);
      await page.getByTestId('delete-confirm').click();
      await expect.poll(() => sticky(page, 'OverdueLoans').count()).toBe(0);
      await page.keyboard.press('Control+z');
      await sticky(page, 'OverdueLoans').waitFor();

      // Copy and paste: the copy gets a fresh name. (Zoom to fit first: the search zoomed in.)
      await page.locator('body').press('f');
      await sticky(page, 'BorrowBook').click();
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await sticky(page, 'BorrowBookCopy').waitFor();

      // A sticky dragged from the palette onto the board, with its problem a click away.
      const board = await page.getByTestId('board').boundingBox();
      await page.getByTestId('palette-command').dragTo(page.getByTestId('board'), { targetPosition: { x: 120, y: (board?.height ?? 600) - 120 } });
      await sticky(page, 'NewCommand').waitFor();
      await sticky(page, 'Loan').click();
      await expect.poll(() => page.getByTestId('properties').getAttribute('data-element')).toBe('Loan');
      await page.getByTestId('tab-problems').click();
      await page.locator('[data-testid="problem"][data-target="Lending/command/NewCommand"] button').first().click();
      await expect.poll(() => page.getByTestId('properties').getAttribute('data-element')).toBe('NewCommand');

      // Export draws every sticky of the board, also those out of view.
      await page.getByTestId('menu-File').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('action-file.exportSvg').click()]);
      const svg = readFileSync((await download.path())!, 'utf8');
      // 19 stickies of the example, the pasted copy and the dropped command.
      expect(svg.match(/<g class="sticky"/g)).toHaveLength(21);
      expect(svg).toContain('>BorrowBookCopy<');
      // Arrows as on the board: routed paths of straight runs and rounded corners, no curves (ADR 0048).
      const arrows = [...svg.matchAll(/<path class="arrow" data-id="[^"]*" d="([^"]*)"/g)].map((m) => m[1]!);
      expect(arrows.length).toBeGreaterThan(20);
      for (const d of arrows) expect(d).toMatch(/^M [-\d.]+ [-\d.]+( [LQ] [-\d. ]+)* L [-\d.]+ [-\d.]+$/);
      await page.getByTestId('menu-File').click();
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('action-file.exportPng').click()]);
      const bytes = readFileSync((await png.path())!);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      // Rasterised at 2x the SVG's size.
      expect(bytes.readUInt32BE(16)).toBe(2 * Number(/width="(\d+)"/.exec(svg)![1]));

      // Multi-select (click, then Ctrl+click) and connect the two with the keyboard: first -> second.
      await page.locator('body').press('f');
      await sticky(page, 'Librarian').click();
      await sticky(page, 'RenewLoan').click({ modifiers: ['Control'] });
      await page.keyboard.press('Control+j');
      await expect
        .poll(() => page.evaluate(() => window.__stormsmith?.getState().model.contexts[0]?.commands.find((c) => c.name === 'RenewLoan')?.actor?.name))
        .toBe('Librarian');

      // Auto-layout (elkjs, loaded on first use) is one undoable step that moves stickies.
      const positionOf = (name: string) =>
        page.evaluate((n) => JSON.stringify(window.__stormsmith?.getState().model.layouts['lending.yaml']?.positions[n] ?? null), name);
      const before = await positionOf('ReturnBook');
      await page.getByTestId('menu-Board').click();
      await page.getByTestId('action-board.autoLayout').click();
      await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toBe('Undo Auto-layout');
      const after = await positionOf('ReturnBook');
      expect(after).not.toBe('null');
      expect(after).not.toBe(before);

      // Command palette runs the same actions as the menus.
      await page.keyboard.press('Control+k');
      await page.getByTestId('command-input').fill('preview gen');
      await page.getByTestId('command-input').press('Enter');
      await page.getByTestId('generation-summary').waitFor({ timeout: GENERATION_TIMEOUT_MS });
      expect(await page.getByTestId('generation-summary').textContent()).toMatch(/files would change/);
      // The panel shows exactly what the studio's generator answers for this repo's config.
      const url = new URL(studio.url);
      const response = await fetch(new URL('/api/generation/preview', url.origin), {
        method: 'POST',
        headers: { 'x-stormsmith-token': url.searchParams.get('token')!, 'content-type': 'application/json' },
        body: '{}',
      });
      const preview = (await response.json()) as GenerationPreview;
      expect(preview.ok).toBe(true);
      expect(preview.files.length).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('generation-file').count()).toBe(preview.files.length);
      expect(await page.getByTestId('generation-diagnostic').count()).toBe(preview.diagnostics.length);
    } finally {
      await board.close();
    }
  });
  it('previews generation with the file list, runs it, and previews a saved canvas edit as a diff', { timeout: 120_000 }, async () => {
    const board = await openLibrary();
    const { page, out } = board;
    // Generation reads the model from disk and writes a whole service: allow for a loaded machine.
    const slow = { timeout: GENERATION_TIMEOUT_MS };
    const summaryChanged = () => page.getByTestId('generation-summary').getAttribute('data-changed');
    const fileRow = (p: string) => page.locator(`[data-testid="generation-file"][data-path="${p}"]`);
    try {
      await page.getByTestId('tab-generation').click();
      await page.getByTestId('generation-preview').click();
      await page.getByTestId('generation-summary').waitFor(slow);
      // The example model carries warnings (shown), never errors (which would block writing).
      expect(await page.locator('[data-testid="generation-diagnostic"][data-severity="error"]').count()).toBe(0);
      // Nothing generated yet: every planned file is new, the service's sources among them.
      const statuses = await page.getByTestId('generation-file').evaluateAll((els) => els.map((e) => [e.getAttribute('data-path'), e.getAttribute('data-status')]));
      expect(statuses.length).toBeGreaterThan(10);
      expect(new Set(statuses.map(([, status]) => status))).toEqual(new Set(['added']));
      const sources = statuses.map(([p]) => p!).filter((p) => p.startsWith('src/') && p.endsWith('.ts'));
      expect(sources.length).toBeGreaterThan(0);
      expect(Number(await summaryChanged())).toBe(statuses.length);
      expect(existsSync(out)).toBe(false);

      // Run: the files land on disk and the follow-up preview has nothing left to change.
      await page.getByTestId('generation-run').click();
      await page.getByTestId('generation-last-run').waitFor(slow);
      expect(Number(await page.getByTestId('generation-last-run').getAttribute('data-written'))).toBe(statuses.length);
      await expect.poll(summaryChanged, slow).toBe('0');
      for (const p of sources) expect(existsSync(path.join(out, p)), p).toBe(true);
      expect(await page.getByTestId('generation-run').isDisabled()).toBe(false);

      // A new optional field on a command (a required one would break the example's specs),
      // saved from the canvas, shows up as changed files with a diff.
      const fields = await addField(page, 'BorrowBook', 'pickupDesk', 'string');
      await fields.getByTestId('field-optional').last().check();
      await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('yes');
      await page.getByTestId('save').click();
      await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');
      expect(readFileSync(path.join(board.dir, 'lending.yaml'), 'utf8')).toMatch(/pickupDesk\?: string/);

      await page.getByTestId('generation-preview').click();
      await expect.poll(async () => Number(await summaryChanged()), slow).toBeGreaterThan(0);
      const changed = await page.locator('[data-testid="generation-file"][data-status="changed"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')!));
      expect(changed.length).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="generation-diagnostic"][data-severity="error"]').count()).toBe(0);
      // The command's generated contract gains the field: one of the diffs adds a line naming it.
      const diffs: string[] = [];
      for (const p of changed) {
        await fileRow(p).locator('button').click();
        diffs.push((await page.getByTestId('generation-diff').textContent()) ?? '');
      }
      expect(diffs.some((d) => /^\+.*pickupDesk/m.test(d))).toBe(true);
    } finally {
      await board.close();
    }
  });
});
