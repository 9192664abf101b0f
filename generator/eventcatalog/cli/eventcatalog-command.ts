// `stormsmith export eventcatalog [model] --out <catalog dir>`: see docs/eventcatalog.md.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guarded } from '../../cli/command-support.js';
import { EXIT, type CliCommand } from '../../cli/io.js';
import { loadValidModel, modelPathOf } from '../../export/cli/shared.js';
import { UsageError } from '../../target.js';
import { planCatalog } from '../plan.js';
import { writeCatalog } from '../write.js';

export const EVENTCATALOG_HELP = `Usage: stormsmith export eventcatalog [model] --out <catalog dir>

Writes (or updates) an EventCatalog: a domain and a service per bounded context, every event
and command with its JSON Schema and version. Text you wrote in the catalogue outside the
generated block, and front matter Stormsmith does not manage (owners, badges, links), are kept;
a new event version moves the previous page to versioned/.
`;

export const exportEventCatalogCommand: CliCommand = (argv, io) =>
  guarded(io, EVENTCATALOG_HELP, async () => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) return io.stdout(EVENTCATALOG_HELP), EXIT.ok;
    if (values.out === undefined) throw new UsageError('--out <catalog dir> is required');
    const model = await loadValidModel(io, modelPathOf(io, positionals[0]), 'export eventcatalog');
    if (!model) return EXIT.problems;
    const out = path.resolve(io.cwd, values.out);
    const { default: sdkFor } = await import('@eventcatalog/sdk');
    const report = await writeCatalog(sdkFor(out), planCatalog(model));
    io.stdout(
      `export eventcatalog: ${path.relative(io.cwd, out) || out}: ${report.created.length} created, ${report.updated.length} updated${report.versioned.length ? `, ${report.versioned.length} new versions (${report.versioned.join('; ')})` : ''}\n`,
    );
    return EXIT.ok;
  });
