// Preloaded into a measured child process (`node --import <this> ...`): at exit, appends the
// process's CPU time (user + system, all threads, in ms) to the file named by STORMSMITH_CPU_FILE,
// so that a bench can print CPU time beside wall time for whole commands.
import { appendFileSync } from 'node:fs';

const file = process.env.STORMSMITH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
