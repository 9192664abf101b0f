// One instance of the generated shop service for the shop soak (bench/soak/shop.ts), configured
// the way `npm start` is: the generated loadSettings over its environment (DATABASE_URL,
// NATS_URL, NATS_ACK_WAIT_MS, CONTEXTS, LEASE_*), then createService with those settings. Commands come as JSON
// lines on stdin ({ id, context, kind, command }); each answer is one line on stdout:
// `ok <id>`, `rejected <id> <Rejection>: <message>` or `failed <id> <message>`.
import { createInterface } from 'node:readline';
import { join } from 'node:path';

type Commands = Record<string, Record<string, (command: unknown) => Promise<unknown>>>;
type Settings = { databaseUrl: string; lease: object; natsUrl: readonly string[] | undefined; natsAckWaitMs: number; contexts: readonly string[] | 'all' };
const dir = process.env.SERVICE_DIR!;
const { createService } = (await import(join(dir, 'src/composition-root.ts'))) as {
  createService: (o: object) => { commands: Commands; start(): void; eventStore: { schema: { migrate(): Promise<void> } }; operations: { prepare(): Promise<void> } };
};
const { loadSettings, formatSettingError } = (await import(join(dir, 'src/settings.ts'))) as {
  loadSettings: (env: NodeJS.ProcessEnv) => { settings: Settings; errors: object[] };
  formatSettingError: (e: object) => string;
};
const { createLogger, isRejection, isIllegalStateError } = (await import(join(dir, 'src/runtime/index.ts'))) as {
  createLogger: (o: object) => unknown;
  isRejection: (e: unknown) => boolean;
  isIllegalStateError: (e: unknown) => boolean;
};
const { settings, errors } = loadSettings(process.env);
if (errors.length > 0) {
  for (const error of errors) console.error(formatSettingError(error));
  process.exit(2);
}
const service = createService({
  connectionString: settings.databaseUrl,
  logger: createLogger({ level: process.env.SOAK_DEBUG ? 'warn' : 'silent' }),
  lease: settings.lease,
  nats: settings.natsUrl === undefined ? undefined : { servers: [...settings.natsUrl], ackWaitMs: settings.natsAckWaitMs },
  contexts: settings.contexts === 'all' ? undefined : settings.contexts,
});
await service.eventStore.schema.migrate();
await service.operations.prepare();
service.start();
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, context, kind, command } = JSON.parse(line) as { id: string; context: string; kind: string; command: unknown };
  void service.commands[context]![kind]!(command).then(
    () => console.log(`ok ${id}`),
    (error: unknown) => {
      if (!(isRejection(error) || isIllegalStateError(error))) console.error(`failed ${id}: ${(error as Error)?.stack ?? String(error)}`);
      const rejection = (error as { rejection?: string } | null)?.rejection;
      const text = String((error as Error)?.message ?? error).replace(/\n/g, ' ');
      console.log(`${isRejection(error) || isIllegalStateError(error) ? 'rejected' : 'failed'} ${id} ${rejection ? `${rejection}: ` : ''}${text}`);
    },
  );
}
