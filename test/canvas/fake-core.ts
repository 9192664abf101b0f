// A stand-in for the model core in session tests: files are JSON (a context per domain file,
// positions per layout file). The session's logic (dirty state, saves, reloads, conflicts,
// journal) does not depend on the text format, so it is tested here on its own.
import type { BoundedContext, Layout, Model } from '../../generator/model/types.js';
import type { ModelCore } from '../../app/renderer/workspace/model-core.js';

const isLayout = (p: string) => p.endsWith('.layout.yaml');

export const jsonCore: ModelCore = {
  load(files) {
    const model: Model = { contexts: [], layouts: {} };
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      try {
        const data = JSON.parse(f.text);
        if (isLayout(f.path)) model.layouts[f.path.replace('.layout.yaml', '.yaml')] = { positions: data };
        else model.contexts.push({ ...(data as BoundedContext), file: f.path });
      } catch (e) {
        return { ok: false, diagnostics: [{ code: 'E_PARSE', severity: 'error', file: f.path, line: 1, col: 1, message: String(e) }] };
      }
    }
    return { ok: true, model, diagnostics: [] };
  },
  serializeContext: (ctx) => `${JSON.stringify(ctx, null, 1)}\n`,
  serializeLayout: (layout: Layout) => `${JSON.stringify(layout.positions)}\n`,
  validate: (model) =>
    model.contexts.flatMap((c) =>
      c.commands.filter((cmd) => cmd.emits.length === 0).map((cmd) => ({ code: 'W_COMMAND_EMITS_NOTHING', severity: 'warning' as const, file: c.file, line: cmd.loc.line, col: cmd.loc.col, message: `${cmd.name} emits nothing` })),
    ),
};
