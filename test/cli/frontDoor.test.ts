// The CLI's front door: help for every command (flags with examples), --version, unknown commands,
// the help manifest the compiled CLI reads, and read commands refusing a missing or non-DuckDB store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { commands } from '../../src/cli/commands/index.ts';
import { helpOf } from '../../src/cli/commandHelp.ts';
import { buildHelpManifest } from '../../src/cli/helpManifest.ts';
import { runCli } from '../helpers/runCli.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function cli(argv: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('--help lists every command; no arguments prints it too but exits 2; an unknown command is named', async () => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  for (const c of commands) assert.match(help.stdout, new RegExp(`nextbest ${c.path.join(' ')}\\s+\\S`), c.path.join(' '));
  assert.equal((await cli([])).code, 2);
  const unknown = await cli(['frobnicate', 'now']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^unknown command: frobnicate now\n/);
  assert.equal((await cli(['help'])).code, 0);
  const unknownHelp = await cli(['help', 'frobnicate']);
  assert.equal(unknownHelp.code, 2);
  assert.match(unknownHelp.stderr, /^unknown command: frobnicate\n/);
});

test('<command> --help prints summary, usage, every flag with its description and example, and the examples', async () => {
  for (const c of commands) {
    const r = await cli([...c.path, '--help']);
    assert.equal(r.code, 0, c.path.join(' '));
    assert.ok(r.stdout.includes(c.summary) && r.stdout.includes(`usage: ${c.usage}`), c.path.join(' '));
    for (const f of c.flags ?? []) {
      assert.match(r.stdout, new RegExp(`^  ${escape(f.flag)}`, 'm'), `${c.path.join(' ')} ${f.flag}`);
      assert.ok(words(r.stdout).includes(words(f.description)), `${c.path.join(' ')} ${f.flag} description (wrapped, whole)`);
      if (f.example) assert.match(r.stdout, new RegExp(`^ +e\\.g\\. ${escape(f.example)}$`, 'm'), `${c.path.join(' ')} ${f.flag} example`);
    }
    for (const e of c.examples ?? []) assert.ok(r.stdout.includes(`  ${e}\n`), `${c.path.join(' ')} example ${e}`);
  }
  const keys = await cli(['keys', 'create', '--help']);
  assert.match(keys.stdout, /^  --role ROLE +admin: everything/m);
  assert.match(keys.stdout, /^ +e\.g\. --role service$/m);
  assert.match(keys.stdout, /^Examples:\n  KEY=\$\(nextbest keys create/m);
  assert.equal((await cli(['help', 'keys', 'create'])).stdout, keys.stdout, '`help <command>` is the same as `<command> --help`');
});

test('--version and -v print the package version', async () => {
  for (const flag of ['--version', '-v']) assert.deepEqual(await cli([flag]), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  const r = runCli(['--version']);
  assert.deepEqual([r.code, r.stdout], [0, `${VERSION}\n`], r.stderr);
});

test('the help manifest has every command, in order, with its help and the module that exports it', async () => {
  const manifest = await buildHelpManifest();
  assert.deepEqual(
    manifest.map((e) => e.path),
    commands.map((c) => c.path),
  );
  for (const [i, e] of manifest.entries()) {
    const mod = (await import(new URL(`../../src/cli/commands/${e.module}`, import.meta.url).href)) as Record<string, unknown>;
    assert.equal(mod[e.exportName], commands[i], e.path.join(' '));
    assert.deepEqual({ path: e.path, summary: e.summary, usage: e.usage, flags: e.flags, examples: e.examples }, helpOf(commands[i]));
  }
  assert.deepEqual(JSON.parse(JSON.stringify(manifest)), manifest, 'survives the trip through the JSON file');
});

test('a read command on a missing store names the path and creates nothing; a non-DuckDB file is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-door-'));
  const missing = join(dir, 'missing.duckdb');
  for (const argv of [
    ['tor', 'list'],
    ['tor', 'show', 'tor-1'],
  ]) {
    const r = await cli([...argv, '--db', missing]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^error: no store at ${escape(missing)}`));
    assert.equal(existsSync(missing), false, 'nothing created');
  }
  const csv = join(dir, 'shop.csv');
  writeFileSync(csv, 'customer_id,signup_date\nC1,2024-01-01\n');
  for (const argv of [
    ['tor', 'list'],
    ['tor', 'show', 'tor-1'],
  ]) {
    const r = await cli([...argv, '--db', csv]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^error: ${escape(csv)} is not a nextbest store`));
  }
  assert.equal(readFileSync(csv, 'utf8'), 'customer_id,signup_date\nC1,2024-01-01\n', 'the file is untouched');
});

/** Whitespace collapsed, so wrapped text compares with the original. */
function words(s: string): string {
  return s.split(/\s+/).filter(Boolean).join(' ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
