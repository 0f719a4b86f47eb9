// Parametrised fields (`offer_rank('family=bags')`): parsed as a field with an argument, checked
// (argument required / refused), compiled to a quoted column named name(arg), evaluated in memory
// from the same column, and listed by audienceFieldRefs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audienceFromText } from '../../src/audience/checkAudience.ts';
import { audienceSql } from '../../src/audience/audienceSql.ts';
import { audienceMask } from '../../src/audience/audienceMask.ts';
import { audienceFieldRefs } from '../../src/audience/audienceFieldRefs.ts';
import { AudienceError, audienceColumnName, type AudienceField } from '../../src/audience/audienceTypes.ts';

const FIELDS: AudienceField[] = [
  { name: 'frequency', type: 'number' },
  { name: 'top_recommended_family', type: 'string' },
  { name: 'offer_rank', type: 'number', takesArg: { example: "offer_rank('family=bags')" } },
];

test('a call compiles to the column name(arg), quoted, and the JS back end reads the same column', () => {
  const ast = audienceFromText(`offer_rank('family=bags') <= 3 and top_recommended_family = 'candles'`, FIELDS);
  assert.equal(
    audienceSql(ast, { alias: 'f' }),
    `(("f"."offer_rank(family=bags)" <= CAST(3 AS DOUBLE)) AND ("f"."top_recommended_family" = 'candles'))`,
  );
  const refs = audienceFieldRefs(ast);
  assert.deepEqual(refs.map(audienceColumnName), ['offer_rank(family=bags)', 'top_recommended_family']);
  const mask = audienceMask(
    ast,
    {
      'offer_rank(family=bags)': [1, 4, null, 2],
      top_recommended_family: ['candles', 'candles', 'candles', 'bags'],
    },
    4,
  );
  assert.deepEqual([...mask], [1, 0, 0, 0]);
});

test('quotes in the argument are escaped in the SQL; different arguments are different columns', () => {
  const ast = audienceFromText(`offer_rank('it''s') < offer_rank('x')`, FIELDS);
  assert.equal(audienceSql(ast), `("offer_rank(it's)" < "offer_rank(x)")`);
});

test('errors name the column: missing argument, argument on a plain field, unquoted or missing )', () => {
  const err = (src: string, re: RegExp, col: number) =>
    assert.throws(
      () => audienceFromText(src, FIELDS),
      (e: unknown) => e instanceof AudienceError && re.test(e.message) && e.column === col,
    );
  err('frequency >= 1 and offer_rank <= 3', /offer_rank at column 20 needs an argument, e\.g\. offer_rank\('family=bags'\)/, 20);
  err(`frequency('x') > 1`, /frequency at column 1 is a field, not a function/, 1);
  err('offer_rank(bags) <= 3', /unexpected token 'bags' at column 12; expected a quoted argument/, 12);
  err(`offer_rank('bags' <= 3`, /unexpected token '<=' at column 19; expected \)/, 19);
});
