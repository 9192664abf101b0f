// `stormsmith export asyncapi [model] [--out <file>] [--context <name>] [--all-events]
//  [--version <v>] [--title <t>]`: see docs/asyncapi.md.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { guarded } from '../../cli/command-support.js';
import { EXIT, type CliCommand } from '../../cli/io.js';
import { AsyncApiExportError, asyncApiToJson, exportAsyncApi } from '../asyncapi.js';
import { loadValidModel, modelPathOf, writeFileAtomic } from './shared.js';

export const ASYNCAPI_HELP = `Usage: stormsmith export asyncapi [model] [options]

Writes one AsyncAPI 3.0 document for the model's events: a channel and a message per event,
payloads from the generated JSON Schemas, a send operation per event and a receive operation
per consumer in another context.

Options:
  --out <file>       write here (.json, or .yaml/.yml for YAML); default: stdout (JSON)
  --context <name>   one bounded context's point of view (its events sent, what it consumes received)
  --all-events       internal events too (default: published events only)
  --version <v>      info.version of the document (default 1.0.0)
  --title <t>        info.title (default: the context name, or "Stormsmith model")

Exit codes: 0 written, 1 the model has errors, 2 usage or IO error.
`;

export const exportAsyncApiCommand: CliCommand = (argv, io) =>
  guarded(io, ASYNCAPI_HELP, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, context: { type: 'string' }, 'all-events': { type: 'boolean' }, version: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout(ASYNCAPI_HELP);
      return EXIT.ok;
    }
    const model = await loadValidModel(io, modelPathOf(io, positionals[0]), 'export asyncapi');
    if (!model) return EXIT.problems;
    let doc;
    try {
      doc = exportAsyncApi(model, {
        ...(values.context !== undefined ? { context: values.context } : {}),
        ...(values['all-events'] ? { allEvents: true } : {}),
        ...(values.version !== undefined ? { version: values.version } : {}),
        ...(values.title !== undefined ? { title: values.title } : {}),
      });
    } catch (error) {
      if (!(error instanceof AsyncApiExportError)) throw error;
      io.stderr(`error[E_USAGE]: ${error.message}\n`);
      return EXIT.usage;
    }
    if (values.out === undefined) {
      io.stdout(asyncApiToJson(doc));
      return EXIT.ok;
    }
    const file = path.resolve(io.cwd, values.out);
    const yaml = /\.ya?ml$/i.test(file);
    writeFileAtomic(file, yaml ? stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }) : asyncApiToJson(doc));
    io.stdout(`export asyncapi: wrote ${path.relative(io.cwd, file) || file} (${Object.keys(doc.channels as object).length} channels, ${Object.keys(doc.operations as object).length} operations)\n`);
    return EXIT.ok;
  });
