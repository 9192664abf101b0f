// runSchemaGate: the gate with its IO (registry from disk or from git). This is what
// `stormsmith check` and `stormsmith schemas check` call.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Model } from '../../model/types.js';
import { readRegistryAtRef, readRegistryDir } from '../registry/read.js';
import type { Registry } from '../registry/types.js';
import { evaluateGate } from './evaluate.js';
import type { EventImpact } from './impact.js';

/** Where the registry lives when nobody says: relative to the project root. */
export const DEFAULT_REGISTRY_DIR = 'schemas/registry';

export interface SchemaGateOptions {
  /** Paths in diagnostics are shown relative to this folder. */
  cwd: string;
  /** Maps a model-relative file (`loc.file`) to the path shown (the check command has one). */
  displayFile?: (file: string) => string;
  /** Compare with the registry as committed at this git revision instead of the working tree. */
  against?: string;
}

export interface SchemaGateReport {
  diagnostics: Diagnostic[];
  impacts: EventImpact[];
  registry: Registry;
  /** False when the registry folder has no index.json yet (nothing released). */
  registryExists: boolean;
}

const shownFrom = (cwd: string) => (absolute: string) => {
  const rel = path.relative(cwd, absolute);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel).split(path.sep).join('/');
};

/** The gate with the full report (impacts, the registry read). */
export async function runSchemaGateReport(model: Model, registryDir: string, options: SchemaGateOptions): Promise<SchemaGateReport> {
  const dir = path.resolve(options.cwd, registryDir);
  const show = shownFrom(options.cwd);
  const registryFile = (file: string) => show(path.join(dir, ...file.split('/')));
  const working = await readRegistryDir(dir, registryFile);
  const diagnostics: Diagnostic[] = [...working.diagnostics];
  let baseline = working;
  if (options.against !== undefined) {
    const ref = options.against;
    baseline = await readRegistryAtRef(dir, ref, (f) => `${ref}:${registryFile(f)}`);
    diagnostics.length = 0;
    diagnostics.push(...baseline.diagnostics);
    // Every version released at `ref` must still be in the working tree, byte for byte.
    for (const e of baseline.registry.events) {
      for (const v of e.versions) {
        const now = working.registry.events.find((w) => w.context === e.context && w.name === e.name)?.versions.find((w) => w.version === v.version);
        const file = path.join(dir, ...v.file.split('/'));
        if (!now || now.sha256 !== v.sha256 || !fs.existsSync(file)) {
          diagnostics.push({
            code: 'E_RELEASED_SCHEMA_MODIFIED',
            severity: 'error',
            rule: 'RELEASED_SCHEMA_MODIFIED',
            file: registryFile(v.file),
            line: 1,
            col: 1,
            message: `released schema ${e.context}.${e.name} v${v.version} was ${now ? 'changed' : 'removed'} since ${ref}`,
            hint: `restore it: git checkout ${ref} -- ${registryFile(v.file)}`,
          });
        }
      }
    }
  }
  const display = options.displayFile ?? ((f: string) => f);
  // Registry positions are shown as given; model positions (model-relative) go through display.
  const registryShown = new Set<string>();
  const showRegistryFile = (f: string) => {
    const shown = options.against !== undefined ? `${options.against}:${registryFile(f)}` : registryFile(f);
    registryShown.add(shown);
    return shown;
  };
  const result = evaluateGate(model, baseline.registry, { registryFile: showRegistryFile });
  const relocateFile = (file: string) => (registryShown.has(file) ? file : display(file));
  const relocate = (d: Diagnostic): Diagnostic => ({ ...d, file: relocateFile(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: relocateFile(r.file) })) } : {}) });
  return { diagnostics: [...diagnostics, ...result.diagnostics.map(relocate)], impacts: result.impacts, registry: baseline.registry, registryExists: baseline.exists };
}

/**
 * The schema gate as `stormsmith check` runs it: errors for breaking changes and edited
 * releases, warnings for code-only changes, infos for the impact of new versions.
 */
export async function runSchemaGate(model: Model, registryDir: string, options: SchemaGateOptions): Promise<Diagnostic[]> {
  return (await runSchemaGateReport(model, registryDir, options)).diagnostics;
}
