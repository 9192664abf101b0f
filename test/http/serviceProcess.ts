// What the tests that start a generated service as its own process share (build-start.test.ts,
// split-service.test.ts): spawn it, wait for its `service started` log line (JSON, with the API's
// address), keep everything it prints for failure messages, and stop it with SIGTERM.
import { spawn } from 'node:child_process';

export type ServiceProcess = {
  /** The API's base URL, from the start line. */
  api: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: string;
  /** SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
};

/** Starts `command args` in `cwd` with exactly `env`; rejects (and kills it) if it exits or stays silent for `timeoutMs` first. */
export const startServiceProcess = (command: string, args: string[], { cwd, env, timeoutMs }: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number }): Promise<ServiceProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let started = false;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start line within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const line = started ? undefined : output.split('\n').find((l) => l.includes('service started'));
      if (line === undefined) return;
      started = true;
      clearTimeout(timer);
      resolve({
        api: (JSON.parse(line) as { api: string }).api,
        get output() {
          return output;
        },
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.on('exit', () => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`exited before it started: ${output}`));
    });
  });
