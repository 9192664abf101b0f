// `node --import ./bench/support/trace-loads.mjs <script>`: appends the URL of every ES module
// and CommonJS file the process loads to the file named by STORMSMITH_TRACE_LOADS, one a line.
// Used by bench/cli.ts and test/package/lazy-commands.test.ts to see what a command loads.
import { register } from 'node:module';
import Module from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const out = process.env.STORMSMITH_TRACE_LOADS;
if (out) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function load(url, context, next) {
        appendFileSync(${JSON.stringify(out)}, url + '\\n');
        return next(url, context);
      }`)}`,
  );
  // CommonJS requires from CommonJS (ts-morph's own files) do not pass the ESM hooks.
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    const resolved = (() => {
      try {
        return Module._resolveFilename(request, parent, isMain);
      } catch {
        return request;
      }
    })();
    if (resolved.startsWith('/')) appendFileSync(out, `${pathToFileURL(resolved).href}\n`);
    return original.apply(this, arguments);
  };
}
