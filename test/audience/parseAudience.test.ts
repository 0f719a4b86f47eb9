import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAudience } from '../../src/audience/parseAudience.ts';
import { audienceFromText } from '../../src/audience/checkAudience.ts';
import { audienceSql } from '../../src/audience/audienceSql.ts';
import { AudienceError, type AudienceField } from '../../src/audience/audienceTypes.ts';
import { COMPUTED_AUDIENCE_FIELDS, audienceFields } from '../../src/audience/audienceFields.ts';

const FIELDS: AudienceField[] = [
  ...COMPUTED_AUDIENCE_FIELDS,
  { name: 'country', type: 'string' },
  { name: 'churn_risk', type: 'number' },
  { name: 'signup_date', type: 'date' },
  { name: 'Loyalty Card', type: 'boolean' },
];
const sql = (s: string) => audienceSql(audienceFromText(s, FIELDS));

test('parses the documented examples into SQL with quoted identifiers', () => {
  assert.equal(
    sql(`is_member and recency_days < 180 and country = 'France'`),
    `((("is_member" = TRUE) AND ("recency_days" < CAST(180 AS DOUBLE))) AND ("country" = 'France'))`,
  );
  assert.equal(
    sql(`segment in ('champions','loyal') or monetary >= 500`),
    `(("segment" IN ('champions', 'loyal')) OR ("monetary" >= CAST(500 AS DOUBLE)))`,
  );
  assert.equal(sql(`not churn_risk > 0.7`), `(NOT ("churn_risk" > CAST(0.7 AS DOUBLE)))`);
  assert.equal(sql(`signup_date >= date '2023-01-01'`), `("signup_date" >= TIMESTAMP '2023-01-01 00:00:00')`);
});

test('precedence: not > and > or; parentheses override', () => {
  const e = parseAudience('a or b and not c');
  assert.equal(e.kind, 'or');
  assert.equal(e.kind === 'or' && e.right.kind, 'and');
  const p = parseAudience('(a or b) and c');
  assert.equal(p.kind, 'and');
});

test('between, not between, not in, is null, is not null, negative numbers, <>, keywords in any case', () => {
  assert.equal(sql('recency_days BETWEEN 0 AND 30'), `("recency_days" BETWEEN CAST(0 AS DOUBLE) AND CAST(30 AS DOUBLE))`);
  assert.equal(sql('monetary not between -5 and 1e3'), `("monetary" NOT BETWEEN CAST(-5 AS DOUBLE) AND CAST(1000 AS DOUBLE))`);
  assert.equal(sql(`country not in ('FR')`), `("country" NOT IN ('FR'))`);
  assert.equal(sql('churn_risk is null'), `("churn_risk" IS NULL)`);
  assert.equal(sql('churn_risk IS NOT NULL'), `("churn_risk" IS NOT NULL)`);
  assert.equal(sql('aov <> 3'), `("aov" <> CAST(3 AS DOUBLE))`);
  assert.equal(sql('is_member = false'), `("is_member" = FALSE)`);
  assert.equal(sql(`last_purchase_date < timestamp '2023-05-01 10:30'`), `("last_purchase_date" < TIMESTAMP '2023-05-01 10:30:00')`);
});

test('field vs field, literal on the left, quoted names, case-insensitive field fallback', () => {
  assert.equal(sql('monetary > aov'), `("monetary" > "aov")`);
  assert.equal(sql('100 < monetary'), `(CAST(100 AS DOUBLE) < "monetary")`);
  assert.equal(sql('"Loyalty Card"'), `("Loyalty Card" = TRUE)`);
  assert.equal(sql("COUNTRY = 'x'"), `("country" = 'x')`);
});

test('string literals are escaped, never pasted: injection attempts stay inside a literal', () => {
  assert.equal(sql(`country = 'x'' OR 1=1 --'`), `("country" = 'x'' OR 1=1 --')`);
  const odd = audienceSql(audienceFromText('"we""ird" = 1', [{ name: 'we"ird', type: 'number' }]));
  assert.equal(odd, `("we""ird" = CAST(1 AS DOUBLE))`);
});

const err = (s: string, re: RegExp, column?: number) => {
  assert.throws(
    () => audienceFromText(s, FIELDS),
    (e: unknown) => {
      assert.ok(e instanceof AudienceError, `AudienceError for ${s}`);
      assert.match(e.message, re);
      if (column !== undefined) assert.equal(e.column, column);
      assert.equal(e.exitCode, 2);
      return true;
    },
  );
};

test('syntax errors name the token, its column and what was expected', () => {
  err(
    `recency_days < 180 adn country = 'France'`,
    /^audience: unexpected token 'adn' at column 20; expected and, or, end of expression$/,
    20,
  );
  err(
    `is_member adn country = 'x'`,
    /unexpected token 'adn' at column 11; expected and, or, =, !=, <, <=, >, >=, in, between, is, end of expression/,
  );
  err(`(monetary > 5`, /unexpected end of expression at column 14; expected and, or, \)/);
  err(`monetary >`, /unexpected end of expression at column 11; expected a value/);
  err(`monetary > 5 and`, /expected a field name, a value, not, \(/);
  err(``, /the expression is empty/);
  err(`country = 'France`, /unterminated string starting at column 11/, 11);
  err(`monetary # 5`, /unexpected character '#' at column 10/);
  err(`segment in 'a'`, /unexpected token ''a'' at column 12; expected \( after in/);
  err(`segment in ('a' 'b')`, /expected ,, \)/);
  err(`monetary between 1 or 2`, /unexpected token 'or' at column 20; expected and/);
  err(`signup_date > date 'soon'`, /not a valid date 'soon' at column 20/);
  err(`signup_date > date '2021-02-30'`, /not a valid date/);
  err(`signup_date > date 5`, /a quoted date after date/);
  err(`5 in (1)`, /'in' at column 3 needs a field name/);
  err(`1 = 1`, /no field on either side/);
  err(`country is 'x'`, /expected null/);
  err(`12abc = 1`, /'12abc' at column 1 is neither a number nor a name/);
  err(`churn_risk = null`, /null at column 14 cannot be compared; write 'field is null'/, 14);
  err(`in = 3`, /unexpected token 'in' at column 1; expected a field name \(quote names that are keywords: "in"\)/);
});

test('unknown fields are listed with the known ones, with a did-you-mean hint', () => {
  err(`contry = 'France'`, /unknown field 'contry' at column 1; did you mean country\? known fields: .*aov.*country.*recency_days/, 1);
  err(`zzz > 1`, /unknown field 'zzz' at column 1; known fields: /);
});

test('type errors: string vs number, date vs string, boolean ordering, non-boolean conditions, closed vocabularies', () => {
  err(`country = 5`, /cannot compare country \(string\) with number 5 at column 11 \(write '5' in quotes\)/, 11);
  err(`monetary > 'a'`, /cannot compare monetary \(number\) with string 'a'/);
  err(
    `signup_date >= '2023-01-01'`,
    /cannot compare signup_date \(date\) with string '2023-01-01' at column 16 \(write date '2023-01-01'\)/,
  );
  err(`is_member > true`, /'>' at column 11 does not apply to the boolean field is_member/);
  err(`recency_days and is_member`, /recency_days at column 1 is a number, not a condition/);
  err(`clv_tier = 'hgh'`, /unknown value 'hgh' for clv_tier at column 12; expected one of low, mid, high/);
  err(`monetary > country`, /cannot compare monetary \(number\) with country \(string\)/);
  err(`segment in ('a', 3)`, /cannot compare segment \(string\) with number 3/);
});

test('audienceFields types DuckDB columns; computed features take precedence', () => {
  const f = audienceFields(
    [
      { name: 'country', type: 'VARCHAR' },
      { name: 'age', type: 'BIGINT' },
      { name: 'frequency', type: 'VARCHAR' },
      { name: 'tags', type: 'VARCHAR[]' },
      { name: 'joined', type: 'TIMESTAMP' },
    ],
    ['churn_risk'],
  );
  const byName = new Map(f.map((x) => [x.name, x.type]));
  assert.equal(byName.get('country'), 'string');
  assert.equal(byName.get('age'), 'number');
  assert.equal(byName.get('frequency'), 'number');
  assert.equal(byName.get('joined'), 'date');
  assert.equal(byName.get('churn_risk'), 'number');
  assert.equal(byName.has('tags'), false);
});
