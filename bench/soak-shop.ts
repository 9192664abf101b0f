// Shop soak: `npx tsx bench/soak-shop.ts [orders] [inFlight]` (npm run soak:shop). See bench/soak/shop.ts.
import { runShopSoak } from './soak/shop.js';

const orders = Number(process.argv[2] ?? 2000);
const inFlight = Number(process.argv[3] ?? 32);
const declineEvery = 5;
const result = await runShopSoak({ orders, inFlight, killAfter: Math.floor(orders / 2), declineEvery });
console.log(JSON.stringify(result, null, 2));
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
  Object.values(result.projectionsMatch).every(Boolean);
console.log(ok ? 'shop soak: PASS' : 'shop soak: FAIL');
process.exitCode = ok ? 0 : 1;
