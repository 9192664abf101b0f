// `stormsmith export mermaid [model] [--out <file>] [--title <t>]`: the model overview as
// Markdown with Mermaid diagrams (context map, one flow per context). See docs/mermaid.md.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guarded } from '../../cli/command-support.js';
import { EXIT, type CliCommand } from '../../cli/io.js';
import { modelOverviewMarkdown } from '../../diagrams/mermaid.js';
import { loadValidModel, modelPathOf, writeFileAtomic } from './shared.js';

export const MERMAID_HELP = `Usage: stormsmith export mermaid [model] [options]

Writes the model overview as Markdown with Mermaid diagrams: the context map (declared
relationships, published events read by other contexts) and each context's flow
(actor -> command -> event -> policy -> command, events -> projections).

Options:
  --out <file>   write here (default: stdout)
  --title <t>    the page title (default: "Model overview")

Exit codes: 0 written, 1 the model has errors, 2 usage or IO error.
`;

export const exportMermaidCommand: CliCommand = (argv, io) =>
  guarded(io, MERMAID_HELP, async () => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(MERMAID_HELP);
      return EXIT.ok;
    }
    const model = await loadValidModel(io, modelPathOf(io, positionals[0]), 'export mermaid');
    if (!model) return EXIT.problems;
    const text = modelOverviewMarkdown(model, values.title);
    if (values.out === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    const file = path.resolve(io.cwd, values.out);
    writeFileAtomic(file, text);
    io.stdout(`export mermaid: wrote ${path.relative(io.cwd, file) || file}\n`);
    return EXIT.ok;
  });
