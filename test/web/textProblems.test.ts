// Errors in posted texts (offer maps, rule files) as the dashboard lists them, and the line selection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstProblemLine, lineOffset, problemLines } from '../../web/src/lib/textProblems.ts';

test('server problems become "Line N, column C: reason" lines', () => {
  const lines = problemLines(
    [
      { file: 'map.yaml', line: 6, column: '14 (rules.1.segment)', reason: "unknown segment 'x'" },
      { file: 'map.yaml', line: 3, column: 2, reason: 'expected a mapping' },
    ],
    'map.yaml: 2 problem(s) in the map; nothing was saved',
  );
  assert.deepEqual(lines, [
    { line: 6, text: "Line 6, column 14 (rules.1.segment): unknown segment 'x'" },
    { line: 3, text: 'Line 3, column 2: expected a mapping' },
  ]);
  assert.equal(firstProblemLine(lines), 3);
});

test('without a list, file:line lines in the message are found; else the message stands alone', () => {
  const msg = 'rules: 1 problem(s)\nrules.yaml:4: column 5: rules[0].offer: unknown offer NOPE';
  assert.deepEqual(problemLines([], msg), [{ line: 4, text: 'Line 4: column 5: rules[0].offer: unknown offer NOPE' }]);
  assert.deepEqual(problemLines([], 'segment id is taken'), [{ line: null, text: 'segment id is taken' }]);
  assert.equal(firstProblemLine([{ line: null, text: 'x' }]), null);
});

test('lineOffset selects a whole line, clamped to the text', () => {
  const text = 'id: a\nrules:\n  - segment: b';
  assert.deepEqual(lineOffset(text, 1), { start: 0, end: 5 });
  assert.equal(text.slice(lineOffset(text, 3).start, lineOffset(text, 3).end), '  - segment: b');
  assert.deepEqual(lineOffset(text, 99), lineOffset(text, 3));
  assert.deepEqual(lineOffset(text, 0), lineOffset(text, 1));
});
