#!/usr/bin/env node
// Entry point of the `stormsmith` command. The sources are TypeScript; tsx's loader runs them
// directly so that a clean clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../generator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
