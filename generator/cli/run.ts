#!/usr/bin/env node
// Entry of the bundled CLI (dist/stormsmith.js, built by bin/build.mjs): the `stormsmith` bin of
// the package. bin/stormsmith.mjs runs the same main() from the TypeScript sources.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
