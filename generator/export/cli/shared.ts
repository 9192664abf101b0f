// What the export/import/diff commands share: load a valid model (errors block, printed as
// diagnostics), and write one output file atomically (a temp file in the same folder, renamed:
// a reader never sees half a document).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostics } from '../../diagnostics/format.js';
import type { CliIo } from '../../cli/io.js';
import { loadAndValidate } from '../../model-pipeline.js';
import { loadProjectConfig } from '../../project-config.js';
import type { Model } from '../../model/types.js';
import { UsageError } from '../../target.js';

/** The model folder: the positional, else "model" of stormsmith.config.json, else ./models. */
export function modelPathOf(io: CliIo, positional: string | undefined): string {
  if (positional !== undefined) return path.resolve(io.cwd, positional);
  const config = loadProjectConfig(io.cwd);
  if (config?.model) return config.model;
  if (fs.existsSync(path.join(io.cwd, 'models'))) return path.join(io.cwd, 'models');
  throw new UsageError('no model given: pass a model folder, or add "model" to stormsmith.config.json');
}

/** Loads and validates; on errors prints them (text) to stderr and returns undefined. */
export async function loadValidModel(io: CliIo, modelPath: string, command: string): Promise<Model | undefined> {
  const stage = await loadAndValidate(modelPath, io.cwd);
  if (stage.model) return stage.model;
  io.stderr(formatDiagnostics(stage.diagnostics, 'text', { summary: false }));
  io.stderr(`${command}: the model has errors; nothing was written\n`);
  return undefined;
}

/** Writes `text` to `file` atomically (temp + rename in the same folder). */
export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
