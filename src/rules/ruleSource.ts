// Where a rule file's text comes from: a file the server (or the in-process CLI) reads, text
// posted in the request (the dashboard), or — for apply and real time — the active loaded set.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { activeRuleSet } from './ruleSetTable.ts';

export interface RuleSourceInput {
  file?: string;
  source?: string;
  fileLabel?: string;
}
export interface RuleText {
  text: string;
  label: string;
  ruleSet: string | null;
}

export async function ruleText(i: RuleSourceInput): Promise<RuleText | null> {
  if (i.file !== undefined && i.source !== undefined) throw new UserError('give the rules as a file or as source text, not both');
  if (i.source !== undefined) return { text: i.source, label: i.fileLabel ?? 'rules', ruleSet: null };
  if (i.file === undefined) return null;
  try {
    return { text: await readFile(i.file, 'utf8'), label: i.fileLabel ?? basename(i.file), ruleSet: null };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new UserError(`cannot read ${i.fileLabel ?? i.file}: ${why}`);
  }
}

/** The given rules, else the active loaded set; a UserError when neither exists. */
export async function ruleTextOrActive(store: Store, i: RuleSourceInput): Promise<RuleText> {
  const given = await ruleText(i);
  if (given) return given;
  const active = await activeRuleSet(store);
  if (!active) throw new UserError('no rule set loaded: give a rule file, or load one first (nextbest rules load FILE)');
  return { text: active.source, label: active.name, ruleSet: active.id };
}
