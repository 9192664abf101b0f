// Static programs of a generated service (templates/service/**): a file the service gets verbatim,
// at the same relative path, below the do-not-edit header. They live in templates/ so that
// `npm run typecheck` checks them in place (tsconfig.templates.json) and a repository
// may override them like any built-in template (docs/adr/0073-generation-ir.md).

import type { PlannedFile } from '../plan-types.js';
import { generatedHeader } from './code.js';
import type { TemplateMap } from './templates.js';

/** The template key of the static program written at `path` in the service. */
export const staticTemplate = (path: string): string => `service/${path}`;

export function staticFile(templates: TemplateMap, path: string, sources: string[]): PlannedFile {
  const key = staticTemplate(path);
  const text = templates[key];
  if (text === undefined) throw new Error(`template ${key} is missing (pass loadTemplates() as options.templates)`);
  return { path, contents: generatedHeader(sources) + text, ownership: 'generated', sources };
}
