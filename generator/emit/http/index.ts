// The HTTP API, configuration, extension points and packaging of a generated service (issue 12):
// src/main.ts, src/settings.ts, src/validation.ts, src/http/ (app, OpenAPI module; support.ts is
// templates/runtime/src/http),
// src/extensions/ (yours), docs/openapi.json. Packaging files: ./packaging.ts.

import type { PlannedFile } from '../../plan-types.js';
import type { ContextFacts } from '../../ir/context.js';
import { httpAppFile } from './app-file.js';
import { extensionFiles } from './extension-files.js';
import { mainFile } from './main-file.js';
import { openApiFiles } from './openapi.js';
import { settingsFile } from './settings-file.js';
import { validationFile } from './validation-file.js';
import { httpTestSupportFile } from './test-files.js';
import { packagingFiles } from './packaging.js';
import type { TemplateMap } from '../templates.js';

export { httpLayout } from '../../ir/paths.js';

/** `into`: an existing repository (no README, Dockerfile, compose, build config of ours). */
export { contextHttpTestFiles } from './test-files.js';

export function httpFiles(all: readonly ContextFacts[], sources: string[], packageName: string, templates: TemplateMap, into = false): PlannedFile[] {
  return [
    mainFile(all, sources),
    settingsFile(all, sources),
    validationFile(all, sources),
    httpAppFile(all, sources),
    ...openApiFiles(all, packageName, sources),
    ...extensionFiles(sources),
    // The API tests themselves are per context (contextHttpTestFiles, planned with each context).
    httpTestSupportFile(templates, sources),
    ...(into ? [] : packagingFiles(all, packageName, sources)),
  ];
}
