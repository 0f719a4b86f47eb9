import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/domain/errors.ts';
import { offerMapFromText } from '../../src/offerMaps/offerMapFromText.ts';

test('YAML and JSON give the same map', () => {
  const y = offerMapFromText(
    'id: playbook\nrules:\n  - segment: dormant\n    boost: { wemiss: 3 }\nintensity:\n  low: { max_value: 10 }\n',
  );
  const j = offerMapFromText(
    JSON.stringify({ id: 'playbook', rules: [{ segment: 'dormant', boost: { wemiss: 3 } }], intensity: { low: { max_value: 10 } } }),
  );
  assert.deepEqual(y, j);
  assert.equal(y.rules[0].boost!.wemiss, 3);
});

const problem = (text: string) => {
  try {
    offerMapFromText(text, 'm.yaml');
  } catch (e) {
    assert.ok(e instanceof InputError);
    return e.problems[0];
  }
  assert.fail('expected an error');
};

test('mistakes are reported at their line, column and field', () => {
  assert.deepEqual(problem('id: x\nrules:\n  - segment: dormant\n    bost: { a: 1 }\n'), {
    file: 'm.yaml',
    line: 4,
    column: '5 (rules.0.bost)',
    reason: 'Unrecognized key: "bost"',
  });
  const p = problem('id: x\nrules:\n  - segment: dormant\n    boost: { a: -1 }\n');
  assert.equal(p.line, 4);
  assert.match(p.column, /rules\.0\.boost\.a/);
  assert.equal(problem('id: x\nrules: [\n').file, 'm.yaml');
  assert.match(problem('{"id": "x", "rules": []}').reason, />=1/);
  assert.match(problem('id: x\nrules:\n  - segment: a\n    max_value: "ten"\n').column, /max_value/);
});
