// The scripted change to models/shop that the semantic diff is documented and tested with
// (docs/diff.md): in a temporary git repository holding a copy of the shop at `main`, the working
// tree then adds a command (with its event), publishes OrderShipped, and renames
// OrderCancelled.reason with a version bump and a declarative upcast. `removeProjection` also
// deletes a projection, so a removed element can be seen too (the canvas ghosts it).
// Used by test/export/diff.test.ts, the workspace and studio comparison tests and the e2e.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SHOP = fileURLToPath(new URL('../../models/shop', import.meta.url));

export interface ShopChange {
  /** The repository root (committed as branch `main`). */
  repo: string;
  /** The changed model folder, `<repo>/models/shop`. */
  dir: string;
  cleanup(): void;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`the scripted change expects ${JSON.stringify(from)} in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

export function scriptedShopChange(options: { repo?: string; removeProjection?: boolean } = {}): ShopChange {
  const repo = options.repo ?? mkdtempSync(path.join(os.tmpdir(), 'stormsmith-shop-change-'));
  const dir = path.join(repo, 'models/shop');
  cpSync(SHOP, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'shop');
  const ordering = path.join(dir, 'ordering.yaml');
  // 1. A command (with the event it emits).
  edit(ordering, '\nevents:\n', `  ChangeShippingAddress:
    aggregate: Order
    actor: Customer
    fields:
      orderId: uuid
      shippingAddress: Address
    emits: [ShippingAddressChanged]

events:
  ShippingAddressChanged:
    aggregate: Order
    version: 1
    fields:
      orderId: uuid
      shippingAddress: Address
`);
  // 2. OrderShipped becomes an integration event.
  edit(ordering, '  OrderShipped:\n    aggregate: Order\n    version: 1\n', '  OrderShipped:\n    aggregate: Order\n    published: true\n    version: 1\n');
  // 3. OrderCancelled's reason is renamed, with a version bump and a declarative upcast.
  edit(ordering, `  OrderCancelled:
    aggregate: Order
    published: true
    version: 1
    fields:
      orderId: uuid
      reason: enum(customer-request|payment-failed)
`, `  OrderCancelled:
    aggregate: Order
    published: true
    version: 2
    fields:
      orderId: uuid
      cancellationReason: enum(customer-request|payment-failed)
    previousVersions:
      1:
        fields:
          orderId: uuid
          reason: enum(customer-request|payment-failed)
        upcast:
          renames: { reason: cancellationReason }
`);
  if (options.removeProjection) removeOrderStatus(ordering);
  return { repo, dir, cleanup: () => rmSync(repo, { recursive: true, force: true }) };
}

/** 4 (optional). The OrderStatus projection (the context's only one) is removed, section and all. */
function removeOrderStatus(ordering: string): void {
  const text = readFileSync(ordering, 'utf8');
  const section = /\nprojections:\n  OrderStatus:\n(?:    .*\n|\n)*?(?=\S)/.exec(text);
  if (!section) throw new Error(`the scripted change expects a projection OrderStatus in ${ordering}`);
  writeFileSync(ordering, text.replace(section[0], '\n'));
}
