// `npm run ops -- <command>`: rebuild, dlq list|retry|drop, lag, migrate, snapshot (see --help).
import { runOps } from './runtime/index.js';
import { createService } from './composition-root.js';
import { createOpsRegistry } from './ops-registry.js';

const connectionString = process.env.DATABASE_URL;
const argv = process.argv.slice(2);
const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
if (connectionString === undefined && !wantsHelp) {
  console.error('error[ENV_DATABASE_URL]: DATABASE_URL is not set');
  console.error('  hint: export DATABASE_URL=postgresql://user:password@host:5432/database');
  process.exitCode = 2;
} else {
  const url = connectionString ?? '';
  // The service's own store: policies retried from the dead-letter table send their commands through it.
  const service = createService({ connectionString: url });
  try {
    process.exitCode = await runOps(argv, createOpsRegistry(url, service.eventStore));
  } finally {
    await service.stop();
  }
}
