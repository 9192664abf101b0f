// What `stormsmith init` writes, as pure data (no node:fs): the first bounded context's model
// file, the stormsmith.config.json that points at it, and the .gitignore lines for the
// generator's caches. The canvas uses the same builder for its empty-folder "New context".

import { kebabCase } from '../names.js';

/** A bounded-context name the model format accepts: an ASCII identifier starting with a letter. */
const CONTEXT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export const DEFAULT_CONTEXT = 'Core';

export interface InitialFile {
  /** Path relative to the project folder, with `/`. */
  path: string;
  content: string;
}

export interface InitialProject {
  /** The model folder, relative to the project folder (what `studio` and `validate` take). */
  modelDir: string;
  /** The generated service's folder, relative to the project folder. */
  outDir: string;
  /** Files to create; none of them may exist yet. */
  files: InitialFile[];
  /** Lines `.gitignore` must hold (appended when missing): the generator's per-machine state. */
  gitignore: string[];
  /** The three commands to run next, from the project folder. */
  nextCommands: string[];
}

export function isContextName(name: string): boolean {
  return CONTEXT_NAME.test(name);
}

/** The YAML of a new, empty bounded context: valid as it is, ready for the canvas. */
export function initialContextYaml(context: string, options: { schemaRef?: string; description?: string } = {}): string {
  if (!isContextName(context)) throw new Error(`"${context}" is not a valid context name (letters, digits and _; starts with a letter)`);
  const lines: string[] = [];
  if (options.schemaRef) lines.push(`# yaml-language-server: $schema=${options.schemaRef}`);
  lines.push(
    `# The ${context} bounded context. Add actors, commands, aggregates, events, policies and`,
    '# projections here or on the canvas (`stormsmith studio`); see the model format docs.',
    'stormsmith: 1',
    `context: ${context}`,
    `description: ${JSON.stringify(options.description ?? `What the ${context} context is responsible for.`)}`,
    '',
  );
  return lines.join('\n');
}

/** The file name of a context's model file inside a model folder. */
export const contextFileName = (context: string): string => `${kebabCase(context)}.yaml`;

/**
 * A whole starter project: `models/<context>/<context>.yaml`, a stormsmith.config.json sending
 * the generated service to `services/<context>`, and the .gitignore lines for its caches.
 */
export function initialProject(context: string = DEFAULT_CONTEXT): InitialProject {
  const folder = kebabCase(context);
  const modelDir = `models/${folder}`;
  const outDir = `services/${folder}`;
  const config = { model: modelDir, out: outDir };
  return {
    modelDir,
    outDir,
    files: [
      {
        path: `${modelDir}/${contextFileName(context)}`,
        // Resolves once stormsmith is installed in the project (npm i -D stormsmith).
        content: initialContextYaml(context, { schemaRef: '../../node_modules/stormsmith/generator/model/stormsmith.schema.json' }),
      },
      { path: 'stormsmith.config.json', content: `${JSON.stringify(config, null, 2)}\n` },
    ],
    // The manifest (.stormsmith/manifest.json) is committed: `check` compares with it. The plan
    // cache, the transaction journal and the writer lock are per machine.
    gitignore: [`/${outDir}/.stormsmith/cache/`, `/${outDir}/.stormsmith/txn/`, `/${outDir}/.stormsmith/lock`],
    nextCommands: [`npx stormsmith studio ${modelDir}`, 'npx stormsmith generate', 'npx stormsmith check'],
  };
}

/** `.gitignore` text with the missing `lines` appended (unchanged when all are there). */
export function withGitignoreLines(existing: string, lines: string[]): string {
  const present = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !present.has(l));
  if (missing.length === 0) return existing;
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${base}${base === '' ? '' : '\n'}# Stormsmith: per-machine generator state (the manifest stays committed)\n${missing.join('\n')}\n`;
}
