// `stormsmith diff [model] --against <git-ref> [--format text|json|markdown] [--out <file>]`
// (docs/diff.md): domain changes of the model since a git revision.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guarded } from '../cli/command-support.js';
import { EXIT, type CliCommand } from '../cli/io.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { modelPathOf, writeFileAtomic } from '../export/cli/shared.js';
import { UsageError } from '../target.js';
import { compareWithRef } from './compare-with-ref.js';
import { renderJson, renderMarkdown, renderText } from './render.js';

export const DIFF_HELP = `Usage: stormsmith diff [model] --against <git-ref> [options]

Lists the domain changes of the model since a git revision: elements added, removed or renamed,
field changes, links rewired, events newly published, event schema verdicts.

Options:
  --against <ref>   the git revision to compare with (e.g. origin/main, HEAD~1); required
  --format <f>      text (default), json, or markdown (a pull-request comment with a Mermaid picture)
  --out <file>      write the output to a file instead of stdout

Exit codes: 0 done (changes or not), 1 the current model has errors, 2 usage, git or IO error.
`;

const FORMATS = ['text', 'json', 'markdown'] as const;

export const diffCommand: CliCommand = (argv, io) =>
  guarded(io, DIFF_HELP, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { against: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout(DIFF_HELP);
      return EXIT.ok;
    }
    if (values.against === undefined) throw new UsageError('--against <git-ref> is required');
    const format = (values.format ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
    if (positionals.length > 1) throw new UsageError(`expected one model path, got ${positionals.length}`);
    const modelPath = modelPathOf(io, positionals[0]);
    const compared = await compareWithRef(modelPath, values.against, io.cwd);
    if (!compared.ok) {
      if (compared.failure === 'current') {
        io.stderr(formatDiagnostics(compared.diagnostics, 'text', { summary: false }));
        io.stderr('diff: the model has errors; nothing was written\n');
        return EXIT.problems;
      }
      if (compared.failure === 'git') {
        io.stderr(`error[E_GIT]: ${compared.message}\n  hint: pass a branch, tag or commit that exists locally (in CI, fetch it first: git fetch origin main)\n`);
        return EXIT.usage;
      }
      io.stderr(formatDiagnostics(compared.diagnostics, 'text', { summary: false }));
      io.stderr(`diff: ${compared.message}\n`);
      return EXIT.usage;
    }
    const { diff, before, after } = compared;
    const text = format === 'json' ? renderJson(diff, values.against) : format === 'markdown' ? renderMarkdown(diff, values.against, before, after) : renderText(diff, values.against);
    if (values.out !== undefined) writeFileAtomic(path.resolve(io.cwd, values.out), text);
    else io.stdout(text);
    return EXIT.ok;
  });
