// Pure helpers behind the Segments, Promotions and Loyalty screens: overlap heatmap cells, typed
// dates, promotion mechanisms and favourite-cell lock text, and the new pages' routes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellEditText } from '../../web/src/api/loyalty.ts';
import { mapTemplate } from '../../web/src/api/offerMaps.ts';
import { mechanismText } from '../../web/src/api/promotions.ts';
import { dayShift, isDateText } from '../../web/src/lib/dates.ts';
import { href, parseRoute, type Route } from '../../web/src/lib/routes.ts';
import { ruleTemplate } from '../../web/src/lib/ruleTemplate.ts';
import { overlapCells, topOverlaps } from '../../web/src/lib/segmentOverlap.ts';

test('overlap cells are shares of the row segment; top pairs are off the diagonal, largest first', () => {
  const counts = [
    [10, 4, 0],
    [4, 8, 2],
    [0, 2, 0],
  ];
  const cells = overlapCells(counts);
  assert.equal(cells.length, 9);
  assert.deepEqual(
    cells.find((c) => c.x === 1 && c.y === 0),
    { x: 1, y: 0, count: 4, share: 0.4 },
  );
  assert.deepEqual(
    cells.find((c) => c.x === 0 && c.y === 1),
    { x: 0, y: 1, count: 4, share: 0.5 },
  );
  assert.equal(cells.find((c) => c.x === 1 && c.y === 2)!.share, 0, 'an empty segment shares nothing, not NaN');
  assert.deepEqual(topOverlaps(['a', 'b', 'c'], counts), [
    { a: 'a', b: 'b', count: 4 },
    { a: 'b', b: 'c', count: 2 },
  ]);
});

test('dates: only real calendar dates pass; shifting by days', () => {
  for (const ok of ['2024-03-01', '2024-02-29', '2024-03-01 13:45']) assert.ok(isDateText(ok), ok);
  for (const bad of ['2023-02-29', '2024-13-01', '2024-3-1', '2024-03-01 25:00', '', 'yesterday']) assert.ok(!isDateText(bad), bad);
  assert.equal(dayShift('2024-03-01T00:00:00.000Z', 90), '2023-12-02');
  assert.equal(dayShift('2024-03-01', -1), '2024-03-02');
});

test('promotion mechanisms and favourite-cell locks read as sentences', () => {
  assert.equal(mechanismText('percent_off', 15), '15 % off');
  assert.equal(mechanismText('points', 2), '2× points');
  assert.equal(mechanismText('bogo', null), 'buy one get one');
  assert.equal(mechanismText('mystery', 3), 'mystery 3');
  assert.equal(cellEditText({ memberMayEdit: true, memberMayEditFrom: null }, true), 'member may change it');
  const locked = cellEditText({ memberMayEdit: false, memberMayEditFrom: '2024-04-01T00:00:00.000Z' }, true);
  assert.equal(locked, 'locked for the member until 2024-04-01');
  assert.equal(cellEditText({ memberMayEdit: false, memberMayEditFrom: null }, false), 'not a member');
});

test("templates name the store's own segments and offer", () => {
  assert.match(mapTemplate(['dormant', 'browsers', 'seasonal']), /segment: dormant[\s\S]*segment: browsers/);
  assert.doesNotMatch(mapTemplate(['dormant', 'browsers', 'seasonal']), /seasonal/);
  assert.match(ruleTemplate('category=candles'), /offer: category=candles/);
});

test('the new pages parse back from their hrefs', () => {
  const routes: Route[] = [
    { page: 'segments' },
    { page: 'segments', id: 'big spenders' },
    { page: 'maps' },
    { page: 'maps', id: 'playbook' },
    { page: 'rules' },
    { page: 'promotions' },
    { page: 'loyalty' },
  ];
  for (const r of routes) assert.deepEqual(parseRoute(href(r)), r);
});
