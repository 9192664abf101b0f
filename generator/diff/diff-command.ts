// `stormsmith diff [model] --against <git-ref> [--format text|json|markdown] [--out <file>]`
// (docs/diff.md): domain changes of the model since a git revision.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guarded } from '../cli/command-support.js';
import { EXIT, type CliCommand } from '../cli/io.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { loadValidModel, modelPathOf, writeFileAtomic } from '../export/cli/shared.js';
import { loadModel } from '../model/load.js';
import { UsageError } from '../target.js';
import { GitModelError, modelFilesAt } from './git-model.js';
import { renderJson, renderMarkdown, renderText } from './render.js';
import { diffModels } from './semantic-diff.js';

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
    const after = await loadValidModel(io, modelPath, 'diff');
    if (!after) return EXIT.problems;
    const modelDir = fs.statSync(modelPath).isDirectory() ? modelPath : path.dirname(modelPath);
    let files;
    try {
      files = modelFilesAt(modelDir, values.against);
    } catch (error) {
      if (!(error instanceof GitModelError)) throw error;
      io.stderr(`error[E_GIT]: ${error.message}\n  hint: pass a branch, tag or commit that exists locally (in CI, fetch it first: git fetch origin main)\n`);
      return EXIT.usage;
    }
    // A model that did not exist at the revision compares as empty: everything is added.
    const loaded = files.length === 0 ? { ok: true as const, model: { contexts: [], layouts: {} }, diagnostics: [] } : loadModel(files);
    if (!loaded.ok || !loaded.model) {
      io.stderr(formatDiagnostics(loaded.diagnostics.map((d) => ({ ...d, file: `${values.against}:${d.file}` })), 'text', { summary: false }));
      io.stderr(`diff: the model at ${values.against} does not load\n`);
      return EXIT.usage;
    }
    const diff = diffModels(loaded.model, after);
    const text = format === 'json' ? renderJson(diff, values.against) : format === 'markdown' ? renderMarkdown(diff, values.against, loaded.model, after) : renderText(diff, values.against);
    if (values.out !== undefined) writeFileAtomic(path.resolve(io.cwd, values.out), text);
    else io.stdout(text);
    return EXIT.ok;
  });
