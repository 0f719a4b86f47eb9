// The code stays formatted (Prettier, .prettierrc.json: 140 columns): `npm run format` fixes what this finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('every source file is formatted (npm run format:check)', () => {
  const bin = fileURLToPath(new URL('../node_modules/prettier/bin/prettier.cjs', import.meta.url));
  const r = spawnSync(process.execPath, [bin, '--check', 'src', 'test', 'bench', 'scripts', 'web/src'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `not formatted (run npm run format):\n${r.stdout}${r.stderr}`);
});
