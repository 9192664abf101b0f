// Names the generated project keeps for itself, and names Windows reserves. Model names become
// folder and file names (generator/ir/paths.ts): a context `Runtime` would write its
// `src/runtime/errors.ts` over the runtime support module, a context `Support` would merge into
// the tests' `test/support/`, and an aggregate `Con` cannot be checked out on Windows. The
// validator refuses them at the model line so that `validate` and `generate` always agree
// (test/unit/validate/output-name.test.ts checks these lists against a real plan).

/** Folders the generator writes directly under `src/` and `test/`, next to the context folders. */
export const GENERATOR_TOP_FOLDERS: ReadonlySet<string> = new Set([
  'runtime',
  'evolution',
  'museum',
  'ops',
  'setup',
  'support',
  // The generated HTTP layer, its user-owned extension points and configuration.
  'http',
  'extensions',
  'config',
]);

/** Folders the generator writes inside a context folder, next to the aggregate folders. */
export const GENERATOR_CONTEXT_FOLDERS: ReadonlySet<string> = new Set(['evolution', 'integrations', 'policies', 'projections', 'schemas']);

/**
 * Device names Windows reserves in every folder, with or without an extension (`con`, `Con.ts`,
 * `COM1.schema.json`), compared case-insensitively. Windows also treats the superscript digits
 * ¹²³ as digits here; model names are ASCII so they cannot carry them, but the list is complete.
 */
export const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

/**
 * The folder or file name the generator derives from a model name: `ActiveLoans` -> `active-loans`
 * (the same word split as generator/names.ts `kebabCase`, which the model core cannot import).
 */
export function outputName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((chunk) => chunk !== '')
    .flatMap((chunk) => chunk.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' '))
    .filter((w) => w !== '')
    .map((w) => w.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)))
    .join('-');
}
