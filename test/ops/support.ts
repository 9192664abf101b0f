// Running a generated service's entry points from our suite.

import { join } from 'node:path';

/** The tsx binary the generated service runs `npm start` / `npm run ops` with (through our node_modules link). */
export const tsxIn = (dir: string): string => join(dir, 'node_modules', '.bin', 'tsx');
