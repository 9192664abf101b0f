// Model <-> file texts for the session, with the caches that keep an edit cheap on a big board:
// a context that did not change keeps its text (no serialisation), a file whose text did not
// change keeps its parse (no reload). Pure over the model core it is given; no disk, no state of
// the board beyond these caches.

import type { BoundedContext, Layout, LoadResult, Model } from '../../../generator/model/types.js';
import { assembleFileLoads, type FileLoad } from '../../shared/board-load.js';
import { layoutPathOf, type ModelCore } from './model-core.js';

export interface SerializedModel {
  /** Every file (domain and layout) as the board would save it. */
  texts: Map<string, string>;
  /** Files whose model cannot be written as text (the serializer's self-check failed). */
  unsavable: Set<string>;
  /** Why the last of those cannot be saved yet (shown to the user). */
  error?: string;
}

export class ModelTexts {
  /**
   * Contexts are immutable and structurally shared: an edit replaces only the contexts it
   * touches, so the text of every other context is reused (one serialisation per edit, not one
   * per file).
   */
  private serialized = new WeakMap<BoundedContext, { base: string | undefined; text: string }>();
  private serializedLayouts = new WeakMap<Layout, { base: string | undefined; text: string }>();
  /** Per-file load results keyed by text: only the files an edit changed are parsed again. */
  private loaded = new Map<string, { text: string; result: LoadResult }>();

  constructor(private readonly core: ModelCore) {}

  /**
   * A model read from `texts`: where a context's text (and its layout's) is exactly the disk's,
   * that text *is* the context's serialisation: nothing is rewritten until it is edited.
   */
  adopt(model: Model, texts: ReadonlyMap<string, string>, diskText: (path: string) => string | undefined): void {
    for (const ctx of model.contexts) {
      const base = diskText(ctx.file);
      if (base !== undefined && texts.get(ctx.file) === base) this.serialized.set(ctx, { base, text: base });
      const layout = model.layouts[ctx.file];
      const layoutBase = diskText(layoutPathOf(ctx.file));
      if (layout && layoutBase !== undefined && texts.get(layoutPathOf(ctx.file)) === layoutBase) this.serializedLayouts.set(layout, { base: layoutBase, text: layoutBase });
    }
  }

  /** The texts of every file of `model`, each written over its disk text (`diskText`) to keep its formatting. */
  serialize(model: Model, diskText: (path: string) => string | undefined): SerializedModel {
    const texts = new Map<string, string>();
    const unsavable = new Set<string>();
    let error: string | undefined;
    for (const ctx of model.contexts) {
      const layoutPath = layoutPathOf(ctx.file);
      try {
        texts.set(ctx.file, this.context(ctx, diskText(ctx.file)));
        const layout = model.layouts[ctx.file];
        const diskLayout = diskText(layoutPath);
        if (diskLayout !== undefined || (layout && Object.keys(layout.positions).length > 0)) {
          texts.set(layoutPath, layout ? this.layout(layout, diskLayout) : this.core.serializeLayout({ positions: {} }, diskLayout));
        }
      } catch (e) {
        // The edit stays on the board, the file stays dirty and save refuses until it is fixed:
        // never write text that does not read back, never pretend the edit was saved.
        error = `${ctx.file}: cannot be saved yet: ${e instanceof Error ? e.message : String(e)}`;
        unsavable.add(ctx.file);
        const disk = diskText(ctx.file);
        if (disk !== undefined) texts.set(ctx.file, disk);
      }
    }
    return { texts, unsavable, ...(error ? { error } : {}) };
  }

  /** The model the texts load as (what saving them would give), with every file's diagnostics. */
  reread(texts: ReadonlyMap<string, string>): LoadResult {
    const loads: FileLoad[] = [];
    for (const [path, text] of texts) {
      let hit = this.loaded.get(path);
      if (!hit || hit.text !== text) {
        hit = { text, result: this.core.load([{ path, text }]) };
        this.loaded.set(path, hit);
      }
      loads.push({ path, result: hit.result });
    }
    for (const path of this.loaded.keys()) if (!texts.has(path)) this.loaded.delete(path);
    return assembleFileLoads(loads);
  }

  /**
   * Loads of these texts made elsewhere (the workspace's board snapshot, made by the same model
   * core): the next `reread` of the same texts uses them instead of parsing.
   */
  seed(loads: readonly { path: string; text: string; result: LoadResult }[]): void {
    for (const { path, text, result } of loads) this.loaded.set(path, { text, result });
  }

  private context(ctx: BoundedContext, base: string | undefined): string {
    const hit = this.serialized.get(ctx);
    if (hit && hit.base === base) return hit.text;
    const text = this.core.serializeContext(ctx, base);
    this.serialized.set(ctx, { base, text });
    return text;
  }

  private layout(layout: Layout, base: string | undefined): string {
    const hit = this.serializedLayouts.get(layout);
    if (hit && hit.base === base) return hit.text;
    const text = this.core.serializeLayout(layout, base);
    this.serializedLayouts.set(layout, { base, text });
    return text;
  }
}
