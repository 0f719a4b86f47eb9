// Property test: on random rows and random expressions, the DuckDB WHERE clause and the JS
// evaluator select exactly the same rows (including NULL three-valued logic and string order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { audienceFromText } from '../../src/audience/checkAudience.ts';
import { audienceSql, sqlLiteral } from '../../src/audience/audienceSql.ts';
import { audienceMask, cmpCodePoints } from '../../src/audience/audienceMask.ts';
import type { AudienceField, AudienceLiteral } from '../../src/audience/audienceTypes.ts';

const epochOf = (d: string) => Date.parse(`${d.length > 10 ? d.replace(' ', 'T') : d + 'T00:00'}:00Z`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const FIELDS: AudienceField[] = [
  { name: 'num', type: 'number' },
  { name: 'str', type: 'string' },
  { name: 'flag', type: 'boolean' },
  { name: 'dt', type: 'date' },
  { name: 'Other Num', type: 'number' },
];
const STRS = ['', 'a', 'B', 'b', 'ab', "o'k", 'é', 'z', '\uE000', '😀', 'France'];
const NUMS = [-2.5, -1, 0, 0.1, 0.7, 1, 3, 180, 500];
const DATES = ['2023-01-01', '2023-01-01 12:00', '2022-12-31', '2024-02-29'];

test('audienceSql and audienceMask agree on random rows and expressions', async () => {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const maybe = <T>(v: T): T | null => (r() < 0.15 ? null : v);
  const n = 120;
  const cols = {
    num: Array.from({ length: n }, () => maybe(pick(NUMS))),
    str: Array.from({ length: n }, () => maybe(pick(STRS))),
    flag: Array.from({ length: n }, () => maybe(r() < 0.5)),
    dt: Array.from({ length: n }, () => maybe(epochOf(pick(DATES)))),
    'Other Num': Array.from({ length: n }, () => maybe(pick(NUMS))),
  };
  const store = await Store.open(':memory:');
  await store.run(`CREATE TABLE t (i INTEGER, num DOUBLE, str VARCHAR, flag BOOLEAN, dt TIMESTAMP, "Other Num" DOUBLE)`);
  const lit = (v: unknown, type: 'number' | 'string' | 'boolean' | 'date') =>
    v === null ? 'NULL' : sqlLiteral({ kind: 'literal', type, value: v, col: 0 } as AudienceLiteral);
  const values = Array.from(
    { length: n },
    (_, i) =>
      `(${i}, ${lit(cols.num[i], 'number')}, ${lit(cols.str[i], 'string')}, ${lit(cols.flag[i], 'boolean')}, ${lit(cols.dt[i], 'date')}, ${lit(cols['Other Num'][i], 'number')})`,
  );
  await store.run(`INSERT INTO t VALUES ${values.join(', ')}`);

  const quoteStr = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const numLit = () => String(pick(NUMS));
  const strLit = () => quoteStr(pick(STRS));
  const dateLit = () => `date '${pick(DATES)}'`;
  const op = () => pick(['=', '!=', '<', '<=', '>', '>=', '<>']);
  const pred = (): string => {
    switch (Math.floor(r() * 11)) {
      case 0:
        return `num ${op()} ${numLit()}`;
      case 1:
        return `str ${op()} ${strLit()}`;
      case 2:
        return pick(['flag', 'flag = true', 'flag != false', 'flag in (true)']);
      case 3:
        return `dt ${op()} ${dateLit()}`;
      case 4:
        return `num ${r() < 0.5 ? 'not ' : ''}between ${numLit()} and ${numLit()}`;
      case 5:
        return `str ${r() < 0.5 ? 'not ' : ''}in (${strLit()}, ${strLit()})`;
      case 6:
        return `${pick(['num', 'str', 'flag', 'dt', '"Other Num"'])} is ${r() < 0.5 ? 'not ' : ''}null`;
      case 7:
        return `num ${op()} "Other Num"`;
      case 8:
        return `${numLit()} ${op()} num`;
      case 9:
        return `str between ${strLit()} and ${strLit()}`;
      default:
        return `dt ${r() < 0.5 ? 'not ' : ''}between ${dateLit()} and ${dateLit()}`;
    }
  };
  const expr = (d: number): string => {
    const x = r();
    if (d === 0 || x < 0.3) return pred();
    if (x < 0.45) return `not ${expr(d - 1)}`;
    if (x < 0.6) return `(${expr(d - 1)})`;
    return `${expr(d - 1)} ${r() < 0.5 ? 'and' : 'or'} ${expr(d - 1)}`;
  };

  let nonTrivial = 0;
  for (let k = 0; k < 250; k++) {
    const text = expr(3);
    const ast = audienceFromText(text, FIELDS);
    const mask = audienceMask(ast, cols, n);
    const rows = await store.all<{ i: number }>(`SELECT i FROM t WHERE ${audienceSql(ast)} ORDER BY i`);
    const fromSql = rows.map((x) => x.i);
    const fromJs = [...mask.keys()].filter((i) => mask[i] === 1);
    assert.deepEqual(fromJs, fromSql, `disagreement on: ${text}`);
    if (fromSql.length > 0 && fromSql.length < n) nonTrivial++;
  }
  assert.ok(nonTrivial > 100, `expressions should split the rows (${nonTrivial} did)`);
  store.close();
});

test('string order is by code point (DuckDB byte order), not by UTF-16 unit', () => {
  assert.ok(cmpCodePoints('\uE000', '😀') < 0);
  assert.ok('\uE000' > '😀', 'plain JS comparison disagrees, hence cmpCodePoints');
  assert.ok(cmpCodePoints('a', 'ab') < 0);
  assert.equal(cmpCodePoints('x', 'x'), 0);
});

test('audienceMask reads 0/1 booleans, Dates, NaN as null and rejects missing columns', () => {
  const ast = audienceFromText(`flag and dt >= date '2023-01-01' and num is not null`, FIELDS);
  const m = audienceMask(
    ast,
    {
      flag: new Uint8Array([1, 1, 0, 1]),
      dt: [new Date('2023-02-01'), new Date('2022-01-01'), new Date('2023-02-01'), new Date('2023-02-01')],
      num: new Float64Array([1, 1, 1, NaN]),
    },
    4,
  );
  assert.deepEqual([...m], [1, 0, 0, 0]);
  assert.throws(() => audienceMask(ast, { flag: [true] }, 1), /no column 'dt'/);
});
