// A rule file's text (YAML, or JSON — JSON is told by a .json name or a leading '{') → a RuleSet,
// or an InputError listing every problem at its line and column. Nothing here reads the store:
// offers, attributes and audiences are checked against it by checkRuleSet.
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { FieldReader, posOf, problemAt, type Where } from './fieldReader.ts';
import { jsonSyntaxProblem } from './jsonSyntaxProblem.ts';
import { ruleFileError, type RuleProblem } from './ruleFileError.ts';
import type { Rule, RuleSet } from './ruleTypes.ts';
import { triggerFrom, TRIGGER_KINDS } from './triggerFromReader.ts';

const RULE_KEYS = [
  'id',
  'offer',
  'offer_id',
  'description',
  'when',
  'audience',
  'cooldown_days',
  'max_firings',
  'suppress_days',
  'frequency_cap',
  'valid_from',
  'valid_to',
  'enabled',
  'control_pct',
  'control_seed',
] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const DAYS = { min: 0, max: 36_500 };

/** Line and column of a character offset. */
function posAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function ruleFrom(w: Where, node: Node | null, i: number, fallback: number): Rule | null {
  const path = `rules[${i}]`;
  if (!isMap(node)) {
    problemAt(w, node, path, 'expected a rule: a mapping with id, offer and when', fallback);
    return null;
  }
  const r = new FieldReader(w, node as YAMLMap<Node, Node | null>, path, RULE_KEYS);
  const id = r.str('id', { required: 'a rule id', pattern: ID, patternHint: 'is not a valid id (letters, digits, _ . -; up to 100)' });
  // `offer_id` is accepted as another name for `offer` (the column it refers to).
  if (r.has('offer') && r.has('offer_id')) r.problem('offer_id', "give 'offer' or 'offer_id', not both");
  const offerKey = r.has('offer_id') && !r.has('offer') ? 'offer_id' : 'offer';
  const offer = r.str(offerKey, { required: 'the offer_id the rule fires' });
  const when = r.map('when', TRIGGER_KINDS);
  if (!r.has('when')) r.missing('when', `the trigger, one of ${TRIGGER_KINDS.join(', ')}`);
  const trigger = when ? triggerFrom(when) : null;
  const cap = r.map('frequency_cap', ['max', 'days']);
  const capMax = cap?.num('max', null, { min: 1, max: 1000, int: true, required: 'contacts allowed in the window' }) ?? null;
  const capDays = cap?.num('days', null, { ...DAYS, min: 1, required: 'the window in days' }) ?? null;
  const validFrom = r.date('valid_from');
  const validTo = r.date('valid_to');
  if (validFrom && validTo && validTo < validFrom) r.problem('valid_to', 'is before valid_from');
  const rule: Rule = {
    index: i,
    id: id ?? '',
    offer: offer ?? '',
    description: r.str('description'),
    trigger: trigger!,
    audience: r.str('audience'),
    cooldownDays: r.num('cooldown_days', 0, DAYS)!,
    maxFirings: r.num('max_firings', null, { min: 1, max: 1_000_000, int: true }),
    suppressDays: r.num('suppress_days', 0, DAYS)!,
    frequencyCap: capMax !== null && capDays !== null ? { max: capMax, days: capDays } : null,
    validFrom,
    validTo,
    enabled: r.bool('enabled', true),
    controlPct: r.num('control_pct', 0, { min: 0, max: 50 })!,
    controlSeed: r.str('control_seed') ?? '1',
    at: Object.fromEntries([
      ['', posOf(w, node)],
      ...RULE_KEYS.filter((k) => r.has(k)).map((k) => [k, r.pos(k)]),
      ['offer', r.pos(offerKey)],
    ]),
  };
  return id && offer && trigger ? rule : null;
}

/** Parses and validates the structure of a rule file; `file` is the name messages show. Throws on any problem. */
export function ruleSetFromSource(text: string, file: string): RuleSet {
  const { set, problems } = parseRuleSet(text, file);
  if (problems.length) throw ruleFileError(problems);
  return set;
}

/**
 * The rules that could be read and the problems found. Syntax errors throw at once; a rule with a
 * mistake in a guardrail is still returned, so the store checks can report its offer too.
 */
export function parseRuleSet(text: string, file: string): { set: RuleSet; problems: RuleProblem[] } {
  const w: Where = { file, lc: new LineCounter(), problems: [] };
  const isJson = /\.json$/i.test(file) || /^\s*\{/.test(text);
  if (isJson) {
    const bad = jsonSyntaxProblem(text);
    if (bad) throw ruleFileError([{ file, ...posAt(text, bad.offset), field: '', reason: `not valid JSON: ${bad.reason}` }]);
  }
  const doc = parseDocument(text, { lineCounter: w.lc, uniqueKeys: true });
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    w.problems.push({ file, line: pos.line, column: pos.col, field: '', reason });
  }
  if (w.problems.length) throw ruleFileError(w.problems);
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    problemAt(w, root, '', "expected a mapping with a 'rules' list at the top");
    throw ruleFileError(w.problems);
  }
  const top = new FieldReader(w, root as YAMLMap<Node, Node | null>, '', ['rules', 'description']);
  top.str('description');
  const list = top.value('rules');
  const rules: Rule[] = [];
  if (!top.has('rules')) top.missing('rules', 'the list of rules');
  else if (!isSeq(list)) top.problem('rules', 'expected a list of rules');
  else {
    const seen = new Map<string, number>();
    for (const [i, item] of list.items.entries()) {
      const rule = ruleFrom(w, item as Node, i, list.range?.[0] ?? 0);
      if (!rule) continue;
      const first = seen.get(rule.id);
      if (first !== undefined) {
        problemAt(w, item as Node, `rules[${i}].id`, `duplicate rule id '${rule.id}' (first at line ${first})`);
        continue;
      }
      seen.set(rule.id, rule.at.id.line);
      rules.push(rule);
    }
    if (!list.items.length) top.problem('rules', 'the list is empty: give at least one rule');
  }
  return { set: { label: file, rules }, problems: w.problems };
}
