// Shop soak: `npx tsx bench/soak-shop.ts [orders] [inFlight]` (npm run soak:shop). See bench/soak/shop.ts.
// Prints the result as JSON (events per type, deliveries, disruptions and recovery times) and the load.
import { cpus, loadavg } from 'node:os';
import { runShopSoak } from './soak/shop.js';

const orders = Number(process.argv[2] ?? 2000);
const inFlight = Number(process.argv[3] ?? 32);
const declineEvery = 5;
// Disruptions: nats-server stopped for 3 s once 30 % of the orders reached their end (shipped or
// cancelled), a sales instance killed once half of the PlaceOrders were answered, the shipping
// instance killed (and started again) once 70 % of the orders reached their end.
const result = await runShopSoak({
  orders,
  inFlight,
  natsRestartAfter: Math.floor(orders * 0.3),
  natsDownMs: 3_000,
  killAfter: Math.floor(orders / 2),
  shippingKillAfter: Math.floor(orders * 0.7),
  declineEvery,
});
console.log(JSON.stringify(result, null, 2));
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15 min, ${cpus().length} cores)`);
const declined = Math.ceil(orders / declineEvery);
const ok =
  result.answered === result.commands &&
  result.unexpected.length === 0 &&
  result.duplicates.length === 0 &&
  result.unfinished === 0 &&
  result.events['A:OrderPlaced'] === orders &&
  result.events['A:OrderCancelled'] === declined &&
  result.events['A:OrderShipped'] === orders - declined &&
  result.refundsRefused === declined &&
  result.deliveries.missing === 0 &&
  result.deliveries.twice === 0 &&
  result.deliveries.unknown === 0 &&
  result.disruptions.salesKill !== null &&
  result.disruptions.shippingKill?.readyAfterSeconds != null &&
  result.disruptions.natsRestart?.downSeconds != null &&
  Object.values(result.projectionsMatch).every(Boolean);
console.log(ok ? 'shop soak: PASS' : 'shop soak: FAIL');
process.exitCode = ok ? 0 : 1;
