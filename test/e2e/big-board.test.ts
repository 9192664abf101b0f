// A big board in real Chromium through `stormsmith studio` (issues 14, 20): the minimap of a
// board past 400 nodes shows the context frames only (FramesMiniMap, ADR 0045), pans the board
// when dragged and zooms it on the wheel, as React Flow's MiniMap does on small boards.

import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeBoard } from '../../bench/canvas-baseline/synthetic-board.js';
import { openBoard } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { sticky } from './support/locators.js';

const session = useBoardSession();

describe('a board of 500 stickies', () => {
  it('has a frames-only minimap that pans and zooms the board', async () => {
    const dir = writeBoard(500);
    const board = await openBoard(session, dir, { cleanup: dir, ready: (page) => sticky(page, 'Person0').waitFor() });
    try {
      const { page } = board;
      const minimap = page.locator('.react-flow__minimap');
      // One rectangle per bounded context (500 stickies in contexts of 100), none per sticky.
      await expect.poll(() => minimap.locator('.react-flow__minimap-node').count()).toBe(5);
      const viewport = () => page.evaluate(() => (window.__stormsmithFlow as { getViewport(): { x: number; y: number; zoom: number } }).getViewport());
      const before = await viewport();
      const m = (await minimap.locator('svg').boundingBox())!;
      // Dragging the view's rectangle in the minimap moves the board the other way.
      await page.mouse.move(m.x + m.width * 0.2, m.y + m.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(m.x + m.width * 0.6, m.y + m.height * 0.5, { steps: 8 });
      await page.mouse.up();
      const panned = await viewport();
      expect(panned.x).toBeLessThan(before.x - 50);
      expect(panned.zoom).toBe(before.zoom);
      await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
      await page.mouse.wheel(0, -300);
      await expect.poll(async () => (await viewport()).zoom).toBeGreaterThan(panned.zoom);
      expect(board.errors).toEqual([]);
    } finally {
      await board.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
