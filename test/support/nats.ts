// A real NATS server with JetStream for our tests: Debian's nats-server, on a free port, with its
// store in a fresh temporary folder, stopped (and the folder removed) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningNats = { url: string; stop(): Promise<void> };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export const startNats = async (): Promise<RunningNats> => {
  const storeDir = mkdtempSync(join(tmpdir(), 'stormsmith-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn('nats-server', ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  for (let i = 0; i < 200 && !output.join('').includes('Server is ready'); i++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!output.join('').includes('Server is ready')) throw new Error(`nats-server did not start: ${output.join('')}`);
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
};
