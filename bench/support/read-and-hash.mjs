// The floor of a freshness check, as a whole process: read and sha256-hash every file under the
// folder given (the output folder; its .stormsmith/ state is skipped). Used by bench/commands.ts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

let files = 0;
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.stormsmith') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else {
      createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      files++;
    }
  }
};
walk(process.argv[2]);
process.stdout.write(`${files}\n`);
