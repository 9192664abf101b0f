// What the board needs of the shared model core (generator/model): load YAML text into a model,
// write a context back as text changing only what changed, the layout sidecar, validation.
// Passed in rather than imported, so the session logic is testable on its own and the renderer
// has one place (core.ts) that binds the real implementations.

import type { BoundedContext, Diagnostic, Layout, LoadResult, Model, SourceFile } from '../../../generator/model/types.js';

export interface ModelCore {
  /** Parse every model file (domain files and layout sidecars) into one model. */
  load(files: SourceFile[]): LoadResult;
  /** The context as YAML text, rewriting only the changed elements' lines of `previousText`. */
  serializeContext(ctx: BoundedContext, previousText: string | undefined): string;
  /** The layout sidecar text of a domain file. */
  serializeLayout(layout: Layout, previousText: string | undefined): string;
  validate(model: Model): Diagnostic[];
}

/** `lending.yaml` -> `lending.layout.yaml` (the sidecar never holds domain facts). */
export const layoutPathOf = (file: string): string => file.replace(/\.ya?ml$/, '') + '.layout.yaml';

export const isLayoutPath = (path: string): boolean => path.endsWith('.layout.yaml');
