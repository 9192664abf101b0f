// In-process CLI runs and throw-away model folders for the CLI tests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../generator/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `stormsmith <argv>` in this process with `cwd` as the working folder. */
export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

/** A temporary folder holding `files` (paths with `/`); removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Uint8Array>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A one-context model whose policy issues a command that does not exist (`SendReceit`). */
export const DANGLING = `stormsmith: 1
context: Till
aggregates:
  Sale:
    identity: saleId
commands:
  CloseSale:
    aggregate: Sale
    fields: { saleId: uuid }
    emits: [SaleClosed]
  SendReceipt:
    aggregate: Sale
    fields: { saleId: uuid }
    emits: [ReceiptSent]
events:
  SaleClosed: { aggregate: Sale, published: true, fields: { saleId: uuid } }
  ReceiptSent: { aggregate: Sale, published: true, fields: { saleId: uuid } }
policies:
  ReceiptOnClose:
    on: [SaleClosed]
    issues: [SendReceit]
`;

/** Line and column of the first occurrence of `needle`. */
export function lineCol(text: string, needle: string): string {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}
