// test/ops/support.ts of a generated service: helpers shared by the operations tests (appending
// with known coordinates, waiting for the processors, captured pino logs, scraping /metrics,
// poisoning a read model's table, running the ops command in-process) and the operations cases
// every async projection shares (each projection's test file passes its own samples and logic).
// The program is static: it lives in templates/ops/test/ops/support.ts, where `npm run typecheck`
// checks it in place against the library golden's generated modules (templates/ops/tsconfig.json).

import type { PlannedFile } from '../../plan-types.js';
import { opsLayout } from '../../ir/paths.js';
import { generatedHeader } from '../code.js';
import type { TemplateMap } from '../templates.js';

export const OPS_SUPPORT_TEMPLATE = 'ops/test/ops/support.ts';

export function supportFile(templates: TemplateMap, sources: string[]): PlannedFile {
  const text = templates[OPS_SUPPORT_TEMPLATE];
  if (text === undefined) throw new Error(`template ${OPS_SUPPORT_TEMPLATE} is missing (pass loadTemplates() as options.templates)`);
  return { path: opsLayout.support, contents: generatedHeader(sources) + text, ownership: 'generated', sources };
}
