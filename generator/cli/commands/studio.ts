// `stormsmith studio [dir] [--port N] [--no-open]`: serves the canvas and the workspace API for a
// model folder on 127.0.0.1 until interrupted.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../../../app/studio/open-browser.js';
import { startStudioServer } from '../../../app/studio/studio-server.js';
import { checkRef } from '../../../app/workspace/compare-with-ref.js';
import { isWorkspaceError } from '../../../app/workspace/errors.js';
import { GitModelError, modelFilesAt } from '../../diff/git-model.js';
import { loadGenerationEngine } from '../../../app/workspace/load-generation-engine.js';
import { NodeWorkspace } from '../../../app/workspace/node-workspace.js';
import { EXIT, type CliCommand } from '../io.js';

const HELP = `Usage: stormsmith studio [dir] [--port N] [--no-open] [--against <ref>]

Serves the event-storming canvas for the model folder <dir> (default: the current folder) on
127.0.0.1 and opens it in the browser. The printed URL carries a per-run token; the server
refuses every API request without it.

Options:
  --port N     port to listen on (default 0: a free port)
  --no-open    do not open a browser, only print the URL
  --against <ref>  open the board in comparison mode: the changes of the saved model since the
               git revision <ref> (docs/diff.md); the canvas can also do it from View > Compare
  -h, --help   show this help
`;

export const RENDERER_DIST = fileURLToPath(new URL('../../../app/renderer/dist', import.meta.url));
/** The package root: where `npm run build` builds the canvas in a clone. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Why the canvas cannot be served, with the exact command that fixes it; null when it is built.
 * A clone has the renderer's sources (built by `npm ci` through `prepare`, or `npm run build`);
 * an installed package ships the canvas prebuilt, so a missing one means a broken install.
 */
export function missingCanvas(rendererDir: string, packageRoot = PACKAGE_ROOT): string | null {
  if (existsSync(path.join(rendererDir, 'index.html'))) return null;
  const clone = existsSync(path.join(packageRoot, 'app/renderer/vite.config.ts'));
  const hint = clone
    ? `build it with: npm --prefix ${JSON.stringify(path.resolve(packageRoot))} run build   (npm ci runs it too)`
    : 'the package ships the canvas prebuilt; reinstall it: npm i -D stormsmith';
  return `error[E_NO_CANVAS]: the canvas is not built: ${path.join(rendererDir, 'index.html')} is missing\n  hint: ${hint}\n`;
}

export const studio: CliCommand = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, against: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`error[E_USAGE]: ${(error as Error).message}\n  hint: stormsmith studio --help\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) {
    io.stderr('error[E_USAGE]: studio takes one folder\n  hint: stormsmith studio models/library\n');
    return EXIT.usage;
  }
  const port = Number(parsed.values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`error[E_USAGE]: --port must be an integer from 0 to 65535, got "${parsed.values.port}"\n`);
    return EXIT.usage;
  }
  const dir = path.resolve(io.cwd, parsed.positionals[0] ?? '.');
  const rendererDir = io.env.STORMSMITH_RENDERER_DIR ?? RENDERER_DIST;
  // Refuse up front: a studio without its canvas would serve a page that cannot be used.
  const missing = missingCanvas(rendererDir);
  if (missing) {
    io.stderr(missing);
    return EXIT.usage;
  }

  const against = parsed.values.against;
  if (against !== undefined) {
    // Refuse a revision git does not know before serving anything (the canvas would only say so later).
    try {
      modelFilesAt(dir, checkRef(against));
    } catch (error) {
      if (!(error instanceof GitModelError) && !isWorkspaceError(error)) throw error;
      io.stderr(`error[E_GIT]: ${(error as Error).message}\n  hint: pass a branch, tag or commit of the folder's git repository, e.g. --against main\n`);
      return EXIT.usage;
    }
  }

  let workspace: NodeWorkspace;
  try {
    workspace = await NodeWorkspace.open(dir, { generation: await loadGenerationEngine() });
  } catch (error) {
    if (!isWorkspaceError(error)) throw error;
    io.stderr(`${dir}:1:1: error[${error.code}]: ${error.message}\n  hint: pass the folder that holds the model's .yaml files\n`);
    return EXIT.usage;
  }
  const info = await workspace.info();
  if (info.readOnly) io.stderr(`warning: ${dir} is open read-only: another Stormsmith is editing it\n`);

  let server;
  try {
    server = await startStudioServer({ workspace, rendererDir, port });
  } catch (error) {
    await workspace.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr(`error[E_PORT]: cannot listen on 127.0.0.1:${port} (${code})\n  hint: pass another --port, or --port 0 for a free one\n`);
      return EXIT.usage;
    }
    throw error;
  }
  // Serve until interrupted, then release the folder's writer lock before exiting. The handlers
  // are in place before the URL is printed: whoever sees the URL may already stop us.
  const interrupted = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // The canvas reads `against` from its address and opens in comparison mode.
  const url = against === undefined ? server.url : `${server.url}&against=${encodeURIComponent(against)}`;
  io.stdout(`Stormsmith studio: ${url}\n`);
  if (!parsed.values['no-open']) openBrowser(url, (m) => io.stderr(`warning: ${m}\n`));
  // Load the board while the browser starts, so the canvas's first request finds it ready
  // (ADR 0044); a problem with the files is the canvas's to report, when it asks.
  void workspace.openBoard().catch(() => undefined);
  await interrupted;
  await server.close();
  await workspace.close();
  return EXIT.ok;
};
