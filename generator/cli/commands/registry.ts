// The command table. Each command module is imported only when that command runs, so that
// `--help` or `validate` never pays for ts-morph, handlebars, ajv or the studio server.
// Adding a command = one line here (plus its module and docs/cli.md).

import type { CliCommand } from '../io.js';

export interface CommandEntry {
  summary: string;
  load: () => Promise<CliCommand>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  init: { summary: 'start a project: one bounded context, the config, .gitignore lines', load: async () => (await import('./init.js')).init },
  validate: { summary: 'check model files and print diagnostics', load: async () => (await import('./validate.js')).validate },
  generate: { summary: 'generate (or --check) the TypeScript service from a model', load: async () => (await import('./generate.js')).generate },
  check: { summary: 'the CI gate: validate + generate --check + schema gate + ADRs', load: async () => (await import('./check.js')).check },
  schemas: { summary: 'event schema registry: release, check', load: async () => (await import('./schemas.js')).schemas },
  export: { summary: 'the model as AsyncAPI, a Mermaid overview, ESDM or an EventCatalog (see export --help)', load: async () => (await import('./export.js')).exportCommand },
  import: { summary: 'a model from ESDM documents (see import --help)', load: async () => (await import('./import.js')).importCommand },
  diff: { summary: 'domain changes of the model since a git revision (text, json, markdown)', load: async () => (await import('../../diff/diff-command.js')).diffCommand },
  studio: { summary: 'serve the canvas on 127.0.0.1 and open the browser', load: async () => (await import('./studio.js')).studio },
};
