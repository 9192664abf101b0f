// `stormsmith schemas release|check [model] [--registry <dir>] [--against <ref>] [--format ...]`
//
// check:   the event schema gate (generator/schemas/gate) against the registry of released
//          versions: BACKWARD_TRANSITIVE for every event, FULL_TRANSITIVE for published ones.
// release: records the current version of every event not released yet (never rewrites a
//          released one), and drafts an ADR for every new version of an already released event.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { render } from '../render-output.js';
import type { Diagnostic } from '../../model/types.js';
import { impactAdr, type EventImpact } from '../../schemas/gate/impact.js';
import { DEFAULT_REGISTRY_DIR, runSchemaGateReport } from '../../schemas/gate/run.js';
import { GitError } from '../../schemas/registry/read.js';
import { planRelease } from '../../schemas/registry/release.js';
import { EXIT, type CliCommand, type CliIo } from '../io.js';
import { loadModelFromDisk } from '../../io/load-model-from-disk.js';
import type { Model } from '../../model/types.js';
import { findConfigFile, loadProjectConfig } from '../../project-config.js';
import { guarded, parseFormat, UsageError } from '../command-support.js';

export const SCHEMAS_HELP = `Usage: stormsmith schemas <check|release> [model] [options]

The event schema registry: every released version of every event, as JSON Schema with its
sha256 (default folder: ${DEFAULT_REGISTRY_DIR}/, next to stormsmith.config.json). Commit it.

  check      compare every event of the model with every released version:
             BACKWARD_TRANSITIVE for all events, FULL_TRANSITIVE for published ones
  release    record the current version of every event that is not released yet
             (refused while check fails; a released version is never rewritten)

Options:
  --registry <dir>   registry folder (default: ${DEFAULT_REGISTRY_DIR} in the project root)
  --against <ref>    check: use the registry as committed at this git revision
  --adr-dir <dir>    release: where ADR drafts for new versions go (default: docs/adr)
  --format <f>       text (default), json, or github (GitHub Actions annotations)

Exit codes: 0 compatible / released, 1 breaking changes or model errors, 2 usage or IO error.
`;

/** The folder relative paths are resolved against: stormsmith.config.json's, else cwd. */
function projectRoot(io: CliIo): string {
  const config = findConfigFile(io.cwd);
  return config ? path.dirname(config) : io.cwd;
}

/** The model from the argument, else from stormsmith.config.json (validated there). */
function modelPath(io: CliIo, positional: string | undefined): string {
  if (positional !== undefined) return path.resolve(io.cwd, positional);
  const model = loadProjectConfig(io.cwd)?.model;
  if (model !== undefined) return model;
  throw new UsageError('no model given: pass a model folder, or add "model" to stormsmith.config.json');
}

/** Writes through a temporary file and a rename, so an interrupted release leaves no half file. */
function writeAtomic(file: string, contents: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/**
 * Reads and loads the model. Unlike generate, the gate runs on a model that loaded but has
 * validation errors (a spec missing the field just added should not hide the schema finding);
 * those errors are shown next to the gate's and fail the command too.
 */
async function loadForGate(modelPath: string, cwd: string): Promise<{ model?: Model; diagnostics: Diagnostic[]; displayFile: (file: string) => string }> {
  const { root, files, loaded } = await loadModelFromDisk(modelPath);
  const displayFile = (file: string) => {
    const rel = path.relative(cwd, path.join(root, file));
    return (rel.startsWith('..') ? path.join(root, file) : rel).split(path.sep).join('/');
  };
  const relocate = (d: Diagnostic): Diagnostic => ({ ...d, file: displayFile(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: displayFile(r.file) })) } : {}) });
  if (files.length === 0) {
    return { displayFile, diagnostics: [{ code: 'E_NO_MODEL', severity: 'error', file: displayFile('.'), line: 1, col: 1, message: 'no .yaml model files found', hint: 'point stormsmith at a model folder, e.g. `stormsmith schemas check models/shop`' }] };
  }
  const { validateModel, sortDiagnostics } = await import('../../model/validate/index.js');
  if (!loaded.ok) return { displayFile, diagnostics: sortDiagnostics(loaded.diagnostics).map(relocate) };
  const errors = sortDiagnostics([...loaded.diagnostics, ...validateModel(loaded.model)]).filter((d) => d.severity === 'error');
  return { model: loaded.model, displayFile, diagnostics: errors.map(relocate) };
}

const adrFileName = (i: EventImpact): string => `schema-${i.context}-${i.event}-v${i.toVersion}.md`.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const schemas: CliCommand = (argv, io) =>
  guarded(io, SCHEMAS_HELP, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        registry: { type: 'string' },
        against: { type: 'string' },
        'adr-dir': { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [sub, ...rest] = positionals;
    if (values.help || sub === 'help') {
      io.stdout(SCHEMAS_HELP);
      return EXIT.ok;
    }
    if (sub !== 'check' && sub !== 'release') throw new UsageError(sub === undefined ? 'missing subcommand: check or release' : `unknown subcommand "${sub}" (expected check or release)`);
    if (rest.length > 1) throw new UsageError(`expected one model path, got ${rest.length}`);
    if (sub === 'release' && values.against !== undefined) throw new UsageError('--against is for `schemas check`; release always writes the working tree');
    const format = parseFormat(values.format);
    const root = projectRoot(io);
    const registryDir = path.resolve(values.registry !== undefined ? io.cwd : root, values.registry ?? DEFAULT_REGISTRY_DIR);

    const stage = await loadForGate(modelPath(io, rest[0]), io.cwd);
    if (!stage.model) {
      io.stdout(render(format, stage.diagnostics, { summary: `schemas ${sub}: the model cannot be loaded; fix the errors above first\n`, json: { command: `schemas ${sub}`, ok: false } }));
      return EXIT.problems;
    }
    let report;
    try {
      report = await runSchemaGateReport(stage.model, registryDir, { cwd: io.cwd, displayFile: stage.displayFile, ...(values.against !== undefined ? { against: values.against } : {}) });
    } catch (error) {
      if (error instanceof GitError) {
        io.stderr(`error[E_GIT]: ${error.message}\n  hint: --against takes a commit, branch or tag, e.g. --against origin/main\n`);
        return EXIT.usage;
      }
      throw error;
    }
    report.diagnostics.unshift(...stage.diagnostics);
    const errors = report.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
    const shownRegistry = path.relative(io.cwd, registryDir).split(path.sep).join('/') || '.';

    if (sub === 'check') {
      const ok = errors.length === 0;
      const events = stage.model.contexts.reduce((n, c) => n + c.events.length, 0);
      const summary = !report.registryExists
        ? `schemas check: no registry at ${shownRegistry} yet (nothing released); run \`stormsmith schemas release\`\n`
        : ok
          ? `schemas check: ${events} events compatible with every released version (${shownRegistry})\n`
          : `schemas check: ${errors.length} error${errors.length === 1 ? '' : 's'} (checked against ${values.against !== undefined ? `${values.against}:${shownRegistry}` : shownRegistry})\n`;
      io.stdout(render(format, report.diagnostics, { summary, json: { command: 'schemas check', ok, impacts: report.impacts } }));
      return ok ? EXIT.ok : EXIT.problems;
    }

    // release
    if (errors.length > 0) {
      io.stdout(render(format, report.diagnostics, { summary: `schemas release: nothing released; fix the ${errors.length} error${errors.length === 1 ? '' : 's'} above first\n`, json: { command: 'schemas release', ok: false, released: [] } }));
      return EXIT.problems;
    }
    const plan = planRelease(stage.model, report.registry);
    for (const [file, contents] of plan.files) writeAtomic(path.join(registryDir, ...file.split('/')), contents);
    // ADR drafts for new versions of released events; a draft that exists is the user's.
    const adrDir = path.resolve(values['adr-dir'] !== undefined ? io.cwd : root, values['adr-dir'] ?? 'docs/adr');
    const today = new Date().toISOString().slice(0, 10);
    const adrs: string[] = [];
    for (const impact of report.impacts.filter((i) => i.reason === 'version-bump' && plan.released.some((r) => r.context === i.context && r.name === i.event && r.version === i.toVersion))) {
      const file = path.join(adrDir, adrFileName(impact));
      if (fs.existsSync(file)) continue;
      writeAtomic(file, impactAdr(impact, today));
      adrs.push(path.relative(io.cwd, file).split(path.sep).join('/'));
    }
    const lines = plan.released.map((r) => `  released ${r.context}.${r.name} v${r.version} -> ${shownRegistry}/${r.file}\n`).join('') + adrs.map((a) => `  drafted  ${a}\n`).join('');
    const summary = plan.released.length === 0 ? `schemas release: nothing to release; every current version is in ${shownRegistry}\n` : `${lines}schemas release: ${plan.released.length} version${plan.released.length === 1 ? '' : 's'} released; commit ${shownRegistry}${adrs.length ? ' and the ADR drafts' : ''}\n`;
    io.stdout(render(format, report.diagnostics, { summary, json: { command: 'schemas release', ok: true, released: plan.released, adrs } }));
    return EXIT.ok;
  });
