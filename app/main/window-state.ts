// Remembers where the window was. Stored bounds are validated and dropped when they no longer
// fit any display (a monitor was unplugged), so the window never opens off-screen.

import { readJson, writeJson } from './json-store.js';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN_WIDTH = 640;
const MIN_HEIGHT = 400;
/** How much of the title bar must be on a display for the stored position to be kept. */
const VISIBLE_MARGIN = 64;

export function sanitizeBounds(stored: unknown, displays: DisplayArea[]): WindowBounds | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const s = stored as Record<string, unknown>;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
  const width = int(s.width);
  const height = int(s.height);
  if (width === undefined || height === undefined || width < MIN_WIDTH || height < MIN_HEIGHT || width > 20_000 || height > 20_000) return undefined;
  const maximized = s.maximized === true;
  const x = int(s.x);
  const y = int(s.y);
  const onSomeDisplay =
    x !== undefined &&
    y !== undefined &&
    displays.some((d) => x + VISIBLE_MARGIN <= d.x + d.width && x + width - VISIBLE_MARGIN >= d.x && y >= d.y && y + VISIBLE_MARGIN <= d.y + d.height);
  return onSomeDisplay ? { x, y, width, height, maximized } : { width, height, maximized };
}

export class WindowStateStore {
  constructor(private readonly file: string) {}

  async load(displays: DisplayArea[]): Promise<WindowBounds | undefined> {
    return sanitizeBounds(await readJson(this.file), displays);
  }

  save(bounds: WindowBounds): Promise<void> {
    return writeJson(this.file, bounds);
  }
}
