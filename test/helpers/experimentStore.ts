// A store big enough for experiment tests: `n` customers with a year of purchases in three families
// (built in SQL from hashes, so it is deterministic and fast), before 2021-06-01.
import { Store } from '../../src/store/store.ts';

export async function experimentStore(n = 2000, path = ':memory:'): Promise<Store> {
  const s = await Store.open(path);
  await s.run(`ALTER TABLE products ADD COLUMN IF NOT EXISTS family VARCHAR`);
  await s.run(`INSERT INTO products VALUES ('p1','Candle',2,'candles'),('p2','Mug',3,'mugs'),('p3','Bag',5,'bags'),
    ('p4','Lantern',4,'candles'),('p5','Cup',2,'mugs'),('p6','Tote',6,'bags')`);
  await s.run(`INSERT INTO customers SELECT printf('c%05d', i) FROM range(${n}) t(i)`);
  // 1–6 orders per customer between 2020-06-01 and 2021-05-31, products by hash.
  await s.run(`INSERT INTO order_lines
    SELECT printf('o%05d-%d', i, k), 'p' || (1 + md5_number_lower(i || ':' || k) % 6)::VARCHAR, 0, printf('c%05d', i),
      1, 3, 3, TIMESTAMP '2020-06-01' + INTERVAL (md5_number_lower('t' || i || ':' || k) % 364) DAY, 'purchase', NULL
    FROM range(${n}) a(i), range(6) b(k) WHERE k <= md5_number_lower('n' || i) % 6`);
  return s;
}
