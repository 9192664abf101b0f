// stormsmith.config.json: where a repo keeps its model and its generated service, so that
// `npx stormsmith check` and `npx stormsmith generate` work with no arguments.
//
//   { "model": "models/library", "out": "services/library", "into": false, "templates": ".stormsmith/templates" }
//
// Found by walking up from the working directory (the first one wins). Paths in it are
// relative to the folder that holds it. Command-line arguments override it.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const CONFIG_FILE = 'stormsmith.config.json';

export interface ProjectConfig {
  /** Absolute path of the config file. */
  file: string;
  model?: string;
  out?: string;
  into?: boolean;
  /** Folder of template overrides (absolute). */
  templates?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

const KEYS: Record<string, 'string' | 'boolean'> = { $schema: 'string', model: 'string', out: 'string', into: 'boolean', templates: 'string' };

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function loadProjectConfig(cwd: string): ProjectConfig | undefined {
  const file = findConfigFile(cwd);
  if (!file) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, `cannot read ${CONFIG_FILE}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(file, `${CONFIG_FILE} must hold a JSON object`);
  for (const [key, value] of Object.entries(raw)) {
    const type = KEYS[key];
    if (!type) throw new ConfigError(file, `unknown key "${key}" in ${CONFIG_FILE} (known: ${Object.keys(KEYS).filter((k) => k !== '$schema').join(', ')})`);
    if (typeof value !== type) throw new ConfigError(file, `"${key}" in ${CONFIG_FILE} must be a ${type}`);
  }
  const v = raw as { model?: string; out?: string; into?: boolean; templates?: string };
  const dir = path.dirname(file);
  return {
    file,
    ...(v.model !== undefined ? { model: path.resolve(dir, v.model) } : {}),
    ...(v.out !== undefined ? { out: path.resolve(dir, v.out) } : {}),
    ...(v.into !== undefined ? { into: v.into } : {}),
    ...(v.templates !== undefined ? { templates: path.resolve(dir, v.templates) } : {}),
  };
}
