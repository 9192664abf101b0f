// Prints one digest of the library example's whole plan (every path, ownership and byte), so
// that a test can compare runs under other time zones and locales (child processes).
import { createHash } from 'node:crypto';
import { planExample } from '../generated-project/support.js';

const files = await planExample('library');
const hash = createHash('sha256');
for (const file of files.values()) {
  // Verbatim copies of templates/runtime are left out: they do not depend on the environment,
  // and another engineer editing a template between two runs must not look like drift.
  if (file.path.startsWith('src/runtime/') || file.path.startsWith('test/setup/')) continue;
  hash.update(`${file.path}\0${file.ownership}\0${file.contents}\0`);
}
process.stdout.write(`${hash.digest('hex')}\n`);
