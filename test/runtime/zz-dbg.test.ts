import { it } from 'vitest';
import { usePostgres } from '/work/wt/conc/test/support/postgres.js';
import { writeFileSync } from 'node:fs';
const pg = usePostgres('dbg');
it('url', async () => { writeFileSync('/tmp/conc/url', pg.connectionString); await new Promise(r=>setTimeout(r, 120000)); }, 130000);
