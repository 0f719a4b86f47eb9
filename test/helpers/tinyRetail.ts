// A tiny hand-made retail store for service tests: 3 families, 4 customers, known histories.
import { Store } from '../../src/store/store.ts';

export async function tinyRetailStore(path = ':memory:'): Promise<Store> {
  const s = await Store.open(path);
  await s.run(`ALTER TABLE products ADD COLUMN IF NOT EXISTS department VARCHAR`);
  await s.run(`ALTER TABLE products ADD COLUMN IF NOT EXISTS family VARCHAR`);
  await s.run(`INSERT INTO products VALUES
    ('p1','Candle',2,'home','candles'),('p2','Mug',3,'kitchen','mugs'),('p3','Bag',5,'fashion','bags'),
    ('p4','Lantern',4,'home','candles'),('p5','Loose part',1,NULL,NULL)`);
  await s.run(`INSERT INTO customers VALUES ('c1'),('c2'),('c3'),('c4')`);
  await s.run(`INSERT INTO order_lines VALUES
    ('o1','p1',0,'c1',2,2,4,'2021-01-01 10:00','purchase',NULL),
    ('o2','p4',0,'c1',1,4,4,'2021-02-01 10:00','purchase',NULL),
    ('o3','p2',0,'c2',1,3,3,'2021-02-03 10:00','purchase',NULL),
    ('o4','p3',0,'c3',1,5,5,'2021-02-04 10:00','purchase',NULL),
    ('o4','p5',0,'c3',1,1,1,'2021-02-04 10:00','purchase',NULL),
    ('o5','p2',0,'c1',1,3,3,'2021-02-05 10:00','purchase',NULL),
    ('o6','p3',0,'c4',1,5,5,'2021-03-01 10:00','purchase',NULL)`);
  return s;
}
