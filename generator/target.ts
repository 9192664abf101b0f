// Where a generation reads and writes: the model path and the output folder, from explicit
// options first, then stormsmith.config.json (looked up from the working directory upwards),
// then the caller's default. Shared by the generate entry point and `stormsmith check`.

import * as path from 'node:path';
import { CONFIG_FILE, loadProjectConfig } from './project-config.js';

/** Options that contradict each other or are missing; the CLI prints its help with it. */
export class UsageError extends Error {}

/**
 * Neither the options nor a config name an output folder and the caller gave no default: the
 * desktop app and the studio refuse rather than guess (a default like ./generated would land
 * inside the model folder).
 */
export class NoOutputConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TargetOptions {
  /** Model folder or file (relative to cwd); default: "model" of stormsmith.config.json. */
  model?: string;
  /** Output folder (relative to cwd); default: "out" of stormsmith.config.json, else `defaultOut`. */
  out?: string;
  /** Write only the source tree into this existing repo (excludes `out`). */
  into?: string;
  /** Output folder when neither `out`/`into` nor the config says; absent: refuse (NoOutputConfigError). */
  defaultOut?: string;
}

export interface GenerateTarget {
  /** Absolute model path. */
  model: string;
  /** Absolute output folder. */
  outDir: string;
  into: boolean;
  /** Folder of template overrides (absolute), when a config names one or sits next to `.stormsmith/templates`. */
  templatesDir?: string;
  /** stormsmith.config.json that was used, if any. */
  configFile?: string;
}

export function resolveTarget(cwd: string, options: TargetOptions): GenerateTarget {
  const config = loadProjectConfig(cwd);
  if (options.out !== undefined && options.into !== undefined) throw new UsageError('use either --out or --into, not both');
  const model = options.model !== undefined ? path.resolve(cwd, options.model) : config?.model;
  if (model === undefined) throw new UsageError('no model given: pass a model folder, or add "model" to stormsmith.config.json');
  const out = options.into ?? options.out ?? config?.out ?? options.defaultOut;
  if (out === undefined) {
    throw new NoOutputConfigError(
      config?.file ?? CONFIG_FILE,
      `no output folder configured for ${model}`,
    );
  }
  const outDir = path.resolve(cwd, out);
  const into = options.into !== undefined || (options.out === undefined && Boolean(config?.into));
  const templatesDir = config?.templates ?? (config ? path.join(path.dirname(config.file), '.stormsmith/templates') : undefined);
  return { model, outDir, into, ...(templatesDir ? { templatesDir } : {}), ...(config ? { configFile: config.file } : {}) };
}
