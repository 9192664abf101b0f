// The real model core bound to the board's ModelCore interface (generator/model is browser-safe).
import { loadModel, serializeChecked, serializeLayout, validateModel } from '../../../generator/model/index.js';
import type { ModelCore } from './model-core.js';

export const modelCore: ModelCore = {
  load: (files) => loadModel(files),
  serializeContext: (ctx, previousText) => {
    // The write self-check: text that would not read back as this context is never saved.
    const result = serializeChecked(ctx, previousText);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
    return result.text;
  },
  serializeLayout: (layout, previousText) => serializeLayout(layout, previousText),
  validate: (model) => validateModel(model),
};
