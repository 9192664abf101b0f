// `stormsmith export <format> ...`: the model in another tool's format. Each format lives in its
// own module under generator/export/cli/, imported only when asked for (their libraries are heavy).
import type { CliCommand } from '../io.js';
import { EXIT } from '../io.js';

const FORMATS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  mermaid: { summary: 'a model overview in Markdown with Mermaid diagrams (docs/mermaid.md)', load: async () => (await import('../../export/cli/mermaid-command.js')).exportMermaidCommand },
  eventcatalog: { summary: 'an EventCatalog, updated without clobbering hand-written content (docs/eventcatalog.md)', load: async () => (await import('../../eventcatalog/cli/eventcatalog-command.js')).exportEventCatalogCommand },
  esdm: { summary: 'ESDM documents, one *.esdm.yaml per element (docs/esdm.md)', load: async () => (await import('../../esdm/cli/esdm-command.js')).exportEsdmCommand },
  asyncapi: { summary: 'an AsyncAPI 3.0 document of the events (docs/asyncapi.md)', load: async () => (await import('../../export/cli/asyncapi-command.js')).exportAsyncApiCommand },
};

export const EXPORT_HELP = (): string =>
  ['Usage: stormsmith export <format> [model] [options]', '', 'Formats:', ...Object.entries(FORMATS).map(([n, f]) => `  ${n.padEnd(13)} ${f.summary}`), '', 'Run `stormsmith export <format> --help` for its options.', ''].join('\n');

export const exportCommand: CliCommand = async (argv, io) => {
  const [format, ...rest] = argv;
  if (format === undefined || format === '--help' || format === '-h') {
    io.stdout(EXPORT_HELP());
    return format === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = FORMATS[format];
  if (!entry) {
    io.stderr(`error[E_USAGE]: unknown export format "${format}"\n\n${EXPORT_HELP()}`);
    return EXIT.usage;
  }
  return (await entry.load())(rest, io);
};
