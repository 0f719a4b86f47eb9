// A hand-made store whose built-in segments have known answers as of 2021-07-01:
//   r1 high-value repeater (3 big orders 10 days apart in June) · d1 dormant (3 orders 10 days apart in
//   November 2020, silent since) · b1 browser (events in June, no orders) · n1 new buyer (first order 3 days
//   before) · s1 seasonal (orders in July/August of 2018, 2019 and 2020) · g1 a weekly regular since
//   27 April (small baskets), whose short gaps make the store's 80th-percentile gap 10 days.
import { Store } from '../../src/store/store.ts';

export const AS_OF = '2021-07-01';

export async function segmentsStore(path = ':memory:'): Promise<Store> {
  const s = await Store.open(path);
  await s.run(`ALTER TABLE products ADD COLUMN IF NOT EXISTS family VARCHAR`);
  await s.run(`INSERT INTO products VALUES ('p1','Candle',2,'candles'),('p2','Mug',3,'mugs'),('p3','Bag',5,'bags')`);
  await s.run(`INSERT INTO customers VALUES ('r1'),('d1'),('b1'),('n1'),('s1'),('g1')`);
  const lines: [string, string, string, number, string][] = [
    ['o1', 'r1', 'p3', 100, '2021-06-01'],
    ['o2', 'r1', 'p3', 100, '2021-06-11'],
    ['o3', 'r1', 'p3', 100, '2021-06-21'],
    ['o4', 'd1', 'p2', 50, '2020-11-01'],
    ['o5', 'd1', 'p2', 50, '2020-11-11'],
    ['o6', 'd1', 'p2', 50, '2020-11-21'],
    ['o7', 'n1', 'p1', 10, '2021-06-28'],
    ...['04-27', '05-04', '05-11', '05-18', '05-25', '06-01', '06-08', '06-15', '06-22', '06-29'].map(
      (d, i): [string, string, string, number, string] => [`g${i}`, 'g1', 'p2', 5, `2021-${d}`],
    ),
    ['o8', 's1', 'p1', 20, '2018-07-15'],
    ['o9', 's1', 'p1', 20, '2019-07-20'],
    ['o10', 's1', 'p1', 20, '2020-08-01'],
  ];
  await s.run(
    `INSERT INTO order_lines VALUES ${lines
      .map(([o, c, p, amt, ts]) => `('${o}','${p}',0,'${c}',1,${amt},${amt},'${ts} 10:00','purchase',NULL)`)
      .join(', ')}`,
  );
  await s.run(`INSERT INTO events VALUES ('b1','view','p1','2021-06-20',0),('b1','view','p2','2021-06-21',1),
    ('b1','cart_add','p1','2021-06-21',2),('b1','email_open',NULL,'2021-06-22',3),('b1','view','p3','2021-06-25',4)`);
  return s;
}
