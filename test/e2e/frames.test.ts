// The board's geometry in real Chromium through `stormsmith studio` (issue 14):
// - bounded-context frames are moved by their title and resized by their edge or corner (ADR
//   0042): the stickies follow the frame, the placement is one undoable step, it is saved to the
//   layout sidecars, and a reload shows it;
// - arrows are drawn orthogonally around the stickies (ADR 0043), none on top of another (ADR 0047);
// - handles say what they are for, and a long hotspot question ends in an ellipsis inside its sticky.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExample } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { drag, save } from './support/gestures.js';
import { frame, sticky } from './support/locators.js';
import { REPO } from './support/studio.js';
import { sharedSegments } from '../support/route-geometry.js';

// Wide enough that the first two frames of the shop are on screen at the opening view.
const session = useBoardSession({ width: 2600, height: 1300 });

/** Screen box of an element (where to put the mouse). */
async function screenBox(selector: ReturnType<typeof frame>) {
  const b = await selector.boundingBox();
  if (!b) throw new Error('not on screen');
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}

/** Board box of a node (React Flow's own coordinates: independent of pan and zoom). */
async function box(_page: Page, selector: ReturnType<typeof frame>) {
  return selector.evaluate((el) => {
    const node = el.closest('.react-flow__node') as HTMLElement;
    const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(node.style.transform)!;
    return { x: Math.round(Number(m[1])), y: Math.round(Number(m[2])), width: Math.round(node.offsetWidth), height: Math.round(node.offsetHeight) };
  });
}

/** The board's zoom, from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  return Number(/matrix\(([^,]+)/.exec(t)![1]);
}

/**
 * The rightmost ink of one line of an element, read from its screenshot: how many pixel rows reach
 * it, and whether they lie in the lower half of the line. An ellipsis ends in a dot on the
 * baseline; a letter's last stroke is taller (dark pixels: text is near-black on every sticky).
 */
async function lastInk(page: Page, element: ReturnType<Page['locator']>, line: { top: number; bottom: number }) {
  const png = (await element.screenshot()).toString('base64');
  const width = await element.evaluate((el) => el.getBoundingClientRect().width);
  // Decoded on a blank page of the same browser (no content security policy there).
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ([b64, cssWidth, band]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.width, img.height];
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, img.width, img.height).data;
        const scale = img.width / cssWidth;
        const [top, bottom] = [Math.ceil(band.top * scale), Math.min(img.height, Math.floor(band.bottom * scale))];
        const right: number[] = [];
        for (let y = top; y < bottom; y++) {
          let r = -1;
          for (let x = 0; x < img.width; x++) {
            const i = (y * img.width + x) * 4;
            if (px[i]! + px[i + 1]! + px[i + 2]! < 200) r = x;
          }
          right.push(r);
        }
        const max = Math.max(...right);
        const rows = right.map((r, k) => (r >= max - scale ? k : -1)).filter((k) => k >= 0);
        return { height: Math.round(rows.length / scale), atBaseline: rows.every((k) => k >= (bottom - top) / 2) };
      },
      [png, width, line] as const,
    );
  } finally {
    await blank.close();
  }
}

describe('bounded-context frames', () => {
  it('moves a frame with its stickies, resizes it, undoes, saves to the sidecars and reloads the same', { timeout: 180_000 }, async () => {
    const board = await openExample(session, 'shop', 'PlaceOrder');
    const { page, dir, errors } = board;
    try {
      const ordering = frame(page, 'Ordering');
      const payments = frame(page, 'Payments');
      const zoom0 = await zoom(page);
      const frame0 = await box(page, ordering);
      const sticky0 = await box(page, sticky(page, 'PlaceOrder'));
      const payments0 = await box(page, payments);

      // Move: drag the title down and right.
      const title = await screenBox(ordering.getByTestId('frame-title'));
      await drag(page, { x: title.x + 20, y: title.y + title.height / 2 }, { x: 60, y: 90 });
      await expect.poll(async () => (await box(page, ordering)).y - frame0.y).toBeGreaterThan(40 / zoom0);
      const frame1 = await box(page, ordering);
      const dx = frame1.x - frame0.x;
      const dy = frame1.y - frame0.y;
      expect(dx).toBeGreaterThan(20 / zoom0);
      const sticky1 = await box(page, sticky(page, 'PlaceOrder'));
      expect({ x: sticky1.x - sticky0.x, y: sticky1.y - sticky0.y }).toEqual({ x: dx, y: dy });
      expect(await box(page, payments)).toEqual(payments0);
      await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toBe('Undo Move frame Ordering');

      // Resize by the corner.
      const corner = await screenBox(ordering.getByTestId('frame-resize'));
      await drag(page, { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 }, { x: 120, y: 80 });
      await expect.poll(async () => (await box(page, ordering)).width - frame1.width).toBeGreaterThan(60 / zoom0);
      const frame2 = await box(page, ordering);
      expect(frame2.height - frame1.height).toBeGreaterThan(40 / zoom0);
      expect({ x: frame2.x, y: frame2.y }).toEqual({ x: frame1.x, y: frame1.y });
      await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toBe('Undo Resize frame Ordering');

      // One undo takes the resize back, a second the move; redo both.
      await page.keyboard.press('Control+z');
      await expect.poll(() => box(page, ordering)).toEqual(frame1);
      await page.keyboard.press('Control+z');
      await expect.poll(() => box(page, ordering)).toEqual(frame0);
      await page.keyboard.press('Control+Shift+z');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => box(page, ordering)).toEqual(frame2);

      await save(page);
      const ordLayout = readFileSync(path.join(dir, 'ordering.layout.yaml'), 'utf8');
      expect(ordLayout).toMatch(/^"@frame": \{ x: -?\d+, y: -?\d+, w: \d+, h: \d+ \}$/m);
      // The first placement pins every frame where it was drawn; the domain files do not change.
      expect(readFileSync(path.join(dir, 'payments.layout.yaml'), 'utf8')).toMatch(/^"@frame": \{ x: -?\d+, y: -?\d+ \}$/m);
      expect(readFileSync(path.join(dir, 'ordering.yaml'), 'utf8')).toBe(readFileSync(path.join(REPO, 'models', 'shop', 'ordering.yaml'), 'utf8'));

      // A fresh page draws the frame and its stickies the same, relative to each other.
      await page.reload();
      await sticky(page, 'PlaceOrder').waitFor();
      expect(await box(page, ordering)).toEqual(frame2);
      expect(await box(page, payments)).toEqual(payments0);
      const s = await box(page, sticky(page, 'PlaceOrder'));
      expect({ x: s.x - frame2.x, y: s.y - frame2.y }).toEqual({ x: sticky1.x - frame1.x, y: sticky1.y - frame1.y });
      expect(errors).toEqual([]);
    } finally {
      await board.close();
    }
  });
});

/**
 * Every arrow Chromium draws, once all are routed: orthogonal, entering no sticky, none on top of
 * another (ADRs 0043, 0047).
 */
async function expectRoutedArrows(page: Page): Promise<void> {
  // Routed after the first paint: wait until every drawn arrow is.
  await expect
    .poll(() => page.locator('.react-flow__edge-path').evaluateAll((els) => els.length > 5 && els.every((e) => e.getAttribute('data-routed') === 'yes')))
    .toBe(true);
  const { paths, stickies } = await page.evaluate(() => {
    const translate = (el: HTMLElement) => {
      const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(el.style.transform)!;
      return { x: Number(m[1]), y: Number(m[2]) };
    };
    const stickies = [...document.querySelectorAll<HTMLElement>('.react-flow__node-sticky')].map((n) => ({
      id: n.getAttribute('data-id')!,
      ...translate(n),
      width: n.offsetWidth,
      height: n.offsetHeight,
    }));
    const paths = [...document.querySelectorAll('.react-flow__edge-path')].map((p) => {
      const nums = (p.getAttribute('d') ?? '').match(/-?[\d.]+/g)!.map(Number);
      const points: { x: number; y: number }[] = [];
      for (let k = 0; k + 1 < nums.length; k += 2) points.push({ x: nums[k]!, y: nums[k + 1]! });
      return { id: p.closest('.react-flow__edge')!.getAttribute('data-id')!, points };
    });
    return { paths, stickies };
  });
  expect(stickies.length).toBeGreaterThan(5);
  for (const p of paths) {
    for (let k = 0; k + 1 < p.points.length; k++) {
      const [a, b] = [p.points[k]!, p.points[k + 1]!];
      expect(Math.abs(a.x - b.x) < 0.01 || Math.abs(a.y - b.y) < 0.01, `${p.id}: segment ${k} is orthogonal`).toBe(true);
      // Handles straddle the border by a few pixels: only the inside of each sticky counts.
      for (const s of stickies) {
        const inner = { x0: s.x + 6, y0: s.y + 6, x1: s.x + s.width - 6, y1: s.y + s.height - 6 };
        const strictly =
          Math.abs(a.y - b.y) < 0.01
            ? a.y > inner.y0 && a.y < inner.y1 && Math.max(Math.min(a.x, b.x), inner.x0) < Math.min(Math.max(a.x, b.x), inner.x1)
            : a.x > inner.x0 && a.x < inner.x1 && Math.max(Math.min(a.y, b.y), inner.y0) < Math.min(Math.max(a.y, b.y), inner.y1);
        expect(strictly, `${p.id}: segment ${k} crosses ${s.id}`).toBe(false);
      }
    }
  }
  // No two arrows drawn on top of each other (ADR 0047). A routed path is M, then per corner
  // L (curve start) Q (the corner, curve end), then L: its corners are every third point from the third.
  // Half-pixel grid: the board draws at 0.1 px, separated arrows are 3 px or more apart.
  const snap = (q: { x: number; y: number }) => ({ x: Math.round(q.x * 2) / 2, y: Math.round(q.y * 2) / 2 });
  const drawn = new Map(paths.map((p) => [p.id, [p.points[0]!, ...Array.from({ length: (p.points.length - 2) / 3 }, (_, i) => p.points[2 + 3 * i]!), p.points[p.points.length - 1]!].map(snap)]));
  // Arrow ids are `relation:source->target`.
  const ends = paths.map((p) => ({ id: p.id, source: p.id.slice(p.id.indexOf(':') + 1, p.id.indexOf('->')), target: p.id.slice(p.id.indexOf('->') + 2) }));
  expect(sharedSegments(ends, drawn), 'arrows drawn on top of each other').toEqual([]);
}

describe('routed arrows', () => {
  it.each([
    ['library', 'BorrowBook'],
    ['shop', 'PlaceOrder'],
  ])('draws the arrows of %s orthogonally around the stickies, also after a sticky moved', { timeout: 120_000 }, async (example, first) => {
    const board = await openExample(session, example, first);
    const { page } = board;
    try {
      await expectRoutedArrows(page);
      // Moved (one arrow-key step down, 20 px, still clear of its neighbours): its arrows, and those
      // it now stands in the way of, are routed again; the others keep their routes (ADR 0047).
      const before = await page.locator('.react-flow__edge-path').evaluateAll((els) => els.map((e) => e.getAttribute('d')).join('|'));
      await sticky(page, first).click();
      // The arrow key moves the selection: press it only once the click has selected the sticky.
      await expect.poll(() => sticky(page, first).evaluate((el) => el.closest('.react-flow__node')?.classList.contains('selected') ?? false)).toBe(true);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.locator('.react-flow__edge-path').evaluateAll((els) => els.map((e) => e.getAttribute('d')).join('|'))).not.toBe(before);
      await expectRoutedArrows(page);
    } finally {
      await board.close();
    }
  });
});

describe('sticky details', () => {
  it('every handle says what it is for, in a tooltip under the pointer', { timeout: 120_000 }, async () => {
    const board = await openExample(session, 'shop', 'PlaceOrder');
    const { page } = board;
    try {
      // Every drawn sticky: the incoming handle on the left, the outgoing one on the right, each with its tooltip.
      const titles = await page.locator('[data-testid="sticky"]').evaluateAll((els) =>
        els.map((el) => ({
          name: el.getAttribute('data-name'),
          in: el.querySelector('[data-testid="handle-in"]')?.getAttribute('title'),
          out: el.querySelector('[data-testid="handle-out"]')?.getAttribute('title'),
        })),
      );
      expect(titles.length).toBeGreaterThan(5);
      for (const t of titles) {
        expect(t.in, `tooltip of the incoming handle of ${t.name}`).toBe('Incoming: drop an arrow here');
        expect(t.out, `tooltip of the outgoing handle of ${t.name}`).toBe('Drag from here to another sticky to connect');
      }
      // Hovering shows it: the element under the pointer at the handle's centre is what carries the
      // tooltip (neither the sticky's own title nor something painted above the handle).
      for (const [testid, text] of [
        ['handle-out', 'Drag from here to another sticky to connect'],
        ['handle-in', 'Incoming: drop an arrow here'],
      ] as const) {
        const hb = (await sticky(page, 'PlaceOrder').getByTestId(testid).boundingBox())!;
        const at = [hb.x + hb.width / 2, hb.y + hb.height / 2] as const;
        await page.mouse.move(at[0], at[1]);
        const under = await page.evaluate(([x, y]) => {
          const el = document.elementFromPoint(x!, y!);
          return { testid: el?.getAttribute('data-testid'), tooltip: el?.closest('[title]')?.getAttribute('title') };
        }, at);
        expect(under, `what the pointer is over at the ${testid} of PlaceOrder`).toEqual({ testid, tooltip: text });
      }
    } finally {
      await board.close();
    }
  });

  it('a long hotspot question shows three whole lines ending in an ellipsis inside its sticky, whole in the tooltip', { timeout: 120_000 }, async () => {
    const board = await openExample(session, 'shop', 'PlaceOrder');
    const { page } = board;
    try {
      const question = 'Can a customer change the shipping address after paying?';
      const hotspot = sticky(page, question);
      const seen = await hotspot.evaluate((el) => {
        const name = el.querySelector('.sticky-name') as HTMLElement;
        const style = getComputedStyle(name);
        const sticky = el.getBoundingClientRect();
        const clip = name.getBoundingClientRect();
        // The laid-out lines of the name (one rect per text run per line), grouped by line.
        const range = document.createRange();
        range.selectNodeContents(name);
        const lines = new Map<number, { top: number; bottom: number }>();
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          const key = Math.round(r.top);
          const line = lines.get(key) ?? { top: r.top, bottom: r.bottom };
          lines.set(key, { top: Math.min(line.top, r.top), bottom: Math.max(line.bottom, r.bottom) });
        }
        const all = [...lines.values()].sort((a, b) => a.top - b.top);
        const shown = all.filter((l) => l.bottom <= clip.bottom + 0.5);
        const last = shown[shown.length - 1];
        return {
          // The last shown line, in the name's own pixels (where to look for the ellipsis).
          lastLine: last ? { top: last.top - clip.top, bottom: last.bottom - clip.top } : undefined,
          lines: all.length,
          whole: all.filter((l) => l.bottom <= clip.bottom + 0.5).length,
          // A line the name's clip cuts through: the user sees the top half of its letters.
          cut: all.filter((l) => l.top < clip.bottom - 0.5 && l.bottom > clip.bottom + 0.5).length,
          clipped: name.scrollHeight > name.clientHeight + 1,
          // What draws the "…" at the end of the last shown line.
          lineClamp: style.getPropertyValue('-webkit-line-clamp'),
          inside: clip.top >= sticky.top && clip.bottom <= sticky.bottom + 0.5 && clip.left >= sticky.left && clip.right <= sticky.right + 0.5,
          title: el.getAttribute('title'),
        };
      });
      expect(seen.clipped, 'the question is longer than the sticky shows').toBe(true);
      expect(seen.cut, 'lines of the question cut through by the sticky (half a line shown)').toBe(0);
      expect(seen.whole, 'whole lines of the question shown').toBe(3);
      const ellipsis = await lastInk(page, hotspot.locator('.sticky-name'), seen.lastLine!);
      expect(ellipsis, 'what ends the last shown line: the dots of an ellipsis (a mark at most 3 px high on the baseline), not a letter').toMatchObject({ height: expect.toBeOneOf([1, 2, 3]), atBaseline: true });
      expect(seen.lineClamp, 'the line clamp that draws that ellipsis').toBe('3');
      expect(seen.inside, 'the shown text stays inside its sticky').toBe(true);
      expect(seen.title, 'the whole question in the tooltip').toBe(`Hotspot: ${question}`);
    } finally {
      await board.close();
    }
  });
});
