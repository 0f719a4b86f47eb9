// The store the scale-out tests compute on: 60 customers over 14 months, each preferring one of 3
// families (as in test/tor/torPropensity.test.ts), with one offer per family.
import { Store } from '../../src/store/store.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';

export async function syntheticStore(path = ':memory:'): Promise<Store> {
  const s = await Store.open(path);
  await s.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  await s.run(`INSERT INTO products SELECT 'p' || i, 'P' || i, 1 + i % 5, 'f' || (i % 3) FROM range(12) t(i)`);
  await s.run(`INSERT INTO customers SELECT 'c' || i FROM range(60) t(i)`);
  await s.run(`INSERT INTO order_lines
    SELECT 'o' || c || '-' || k,
      'p' || ((CASE WHEN hash(c * 31 + k) % 10 < 8 THEN c % 3 ELSE hash(c + k) % 3 END) + 3 * (hash(c * 7 + k) % 4)),
      0, 'c' || c, 1, 2, 2, TIMESTAMP '2020-01-01' + to_days((k * (20 + c % 20))::INTEGER), 'purchase', NULL
    FROM range(60) a(c), range(25) b(k) WHERE k * (20 + c % 20) < 420`);
  await offersFromAttribute(s, 'family');
  return s;
}
