// Bootstrap of a model-loading worker thread. The loader is TypeScript, and workers inherit
// neither the tsx hooks of the thread that started them nor vitest's transforms, so this plain
// CommonJS file registers tsx (resolved from here) before requiring the worker's TypeScript body.
// tsx's CommonJS hooks run in this thread; its ESM `register()` would start a second loader
// thread and took about twice as long to get going (measured; start-up is what limits the gain).
const { register } = require('tsx/cjs/api');

register();
require('./load-worker.ts');
