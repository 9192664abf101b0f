// Child-process helper for test/perf/cli-workers.test.ts: loads the model folder given as argv[2]
// with every file on worker threads, in a process started the way bin/stormsmith.mjs starts
// (tsx hooks in the main thread), and prints how many files the workers loaded and the result.
import { closeLoaderWorkers, loadModelInParallel } from '../../../generator/io/parallel-load.js';
import { readModel } from '../../../generator/io/read-model.js';

const { files } = await readModel(process.argv[2]!);
const { loaded, loadedByWorkers } = await loadModelInParallel(files, { workers: 2, mainThreadLoads: false });
await closeLoaderWorkers();
process.stdout.write(`${JSON.stringify({ loadedByWorkers, loaded })}\n`);
