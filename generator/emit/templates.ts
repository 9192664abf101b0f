// Reading templates from disk: the one IO step before planning (plan() itself is pure).
//
// Built-in templates live in this repository's templates/ folder: templates/runtime/** (the
// support module and test setup copied into every service) and templates/adr/** (handlebars).
// A user repository may override any of them by putting a file at the same relative path
// under its own templates folder (e.g. `.stormsmith/templates/adr/context.md.hbs`).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOverrideTree } from '../io/read-overrides.js';

/** Template text keyed by path relative to a templates folder, `/` separators. */
export type TemplateMap = Record<string, string>;

/** This repository's templates/ folder. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

function readTree(root: string): TemplateMap {
  const out: TemplateMap = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** Built-in templates, with the files of `overridesDir` (if given) layered on top. */
export function loadTemplates(options: { overridesDir?: string; builtinDir?: string } = {}): TemplateMap {
  const templates = readTree(options.builtinDir ?? BUILTIN_TEMPLATES_DIR);
  // Overrides come from the repository (untrusted): regular files only, never links, capped.
  if (options.overridesDir) Object.assign(templates, readOverrideTree(options.overridesDir));
  return templates;
}
