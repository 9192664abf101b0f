// Public surface of the apply stage.
export { apply, recoverOutput } from './apply.js';
export type { ApplyFileReport, ApplyMode, ApplyOptions, ApplyProblem, ApplyReport, Orphan } from './types.js';
export { MANIFEST_PATH } from './manifest.js';
export type { ApplyFs } from './fs-facade.js';
export { nodeFs } from './fs-facade.js';
