// A real NATS server with JetStream for our tests: Debian's nats-server, on a free port, with its
// store in a fresh temporary folder, stopped (and the folder removed) afterwards. `halt()` stops
// it the way an operator's restart does (SIGTERM: JetStream flushes its store to disk) and
// `resume()` starts it again on the same port over the same store, so streams, consumers and
// their acknowledged positions survive (the shop soak restarts it mid-run).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningNats = { url: string; halt(): Promise<void>; resume(): Promise<void>; stop(): Promise<void> };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const launch = async (port: number, storeDir: string): Promise<ChildProcess> => {
  const child: ChildProcess = spawn('nats-server', ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  for (let i = 0; i < 400 && !output.join('').includes('Server is ready'); i++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!output.join('').includes('Server is ready')) throw new Error(`nats-server did not start: ${output.join('')}`);
  return child;
};

const terminate = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

export const startNats = async (): Promise<RunningNats> => {
  const storeDir = mkdtempSync(join(tmpdir(), 'stormsmith-nats-'));
  const port = await freePort();
  let child = await launch(port, storeDir);
  return {
    url: `nats://127.0.0.1:${port}`,
    halt: () => terminate(child),
    async resume() {
      await terminate(child);
      child = await launch(port, storeDir);
    },
    async stop() {
      await terminate(child);
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
};
