// One instance of the generated library service for the soak (bench/soak/run.ts): the generated
// createService() with its processors (under leases) and its command entry points. Commands come
// as JSON lines on stdin ({ id, kind, command }); each answer is one line on stdout:
// `ok <id>` or `rejected <id> <message>` (a business rejection) or `failed <id> <message>`.
import { createInterface } from 'node:readline';
import { join } from 'node:path';

type Commands = Record<string, (command: unknown) => Promise<unknown>>;
const dir = process.env.SERVICE_DIR!;
const { createService } = (await import(join(dir, 'src/composition-root.ts'))) as {
  createService: (o: { connectionString: string; logger?: unknown; lease?: { retryMs?: number; heartbeatMs?: number } }) => {
    commands: { lending: Commands };
    start(): void;
    stop(): Promise<void>;
    eventStore: { schema: { migrate(): Promise<void> } };
    operations: { prepare(): Promise<void> };
  };
};
const { createLogger, isRejection, isIllegalStateError } = (await import(join(dir, 'src/runtime/index.ts'))) as {
  createLogger: (o: object) => unknown;
  isRejection: (e: unknown) => boolean;
  isIllegalStateError: (e: unknown) => boolean;
};
const service = createService({ connectionString: process.env.DATABASE_URL!, logger: createLogger({ level: 'silent' }), lease: { retryMs: 300, heartbeatMs: 300 } });
await service.eventStore.schema.migrate();
await service.operations.prepare();
service.start();
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, kind, command } = JSON.parse(line) as { id: string; kind: string; command: unknown };
  void service.commands.lending[kind]!(command).then(
    () => console.log(`ok ${id}`),
    (error: unknown) => {
      // The stack goes to stderr (shown with SOAK_DEBUG=1): what failed where.
      if (!(isRejection(error) || isIllegalStateError(error))) console.error(`failed ${id}: ${(error as Error)?.stack ?? String(error)}`);
      // A business rejection is named (`rejected <id> LoanAlreadyExists: <message>`): the soak
      // tells a re-sent command's LoanAlreadyExists from any other answer by that name.
      const rejection = (error as { rejection?: string } | null)?.rejection;
      const text = String((error as Error)?.message ?? error).replace(/\n/g, ' ');
      console.log(`${isRejection(error) || isIllegalStateError(error) ? 'rejected' : 'failed'} ${id} ${rejection ? `${rejection}: ` : ''}${text}`);
    },
  );
}
