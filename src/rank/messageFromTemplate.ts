// Personalised copy: a message template with placeholders, filled per assignment from what explains
// it (the reason's facts). Pure.
//   "Since you bought {{product}}, enjoy {{value}}% off {{scope}}"
//   {{name}} must have a value, else the whole template gives way to the fallback template;
//   {{name|text}} uses `text` when the value is missing.
// A message whose templates all miss a value is null (no copy rather than a broken sentence).

export const MESSAGE_PLACEHOLDERS = [
  'product', // the customer's most recent product bought in the offer's scope
  'scope', // the offer's scope, e.g. "candles"
  'offer', // the offer's name
  'value', // the offer's value (discount depth, points …)
  'reason', // the assignment's reason sentence
  'segment', // the segment that governed the assignment (segment → offer map)
  'days_since', // days since the customer's last purchase in scope
  'orders_in_scope', // the customer's orders in scope
] as const;
export type MessagePlaceholder = (typeof MESSAGE_PLACEHOLDERS)[number];
export type MessageVars = Partial<Record<MessagePlaceholder, string | null>>;

const TOKEN = /\{\{\s*([a-z_]+)\s*(?:\|([^}]*))?\}\}/g;

/** Problems with a template (unknown placeholder, stray braces), each with its character position; [] when fine. */
export function templateProblems(template: string): { at: number; reason: string }[] {
  const out: { at: number; reason: string }[] = [];
  const known = new Set<string>(MESSAGE_PLACEHOLDERS);
  for (const m of template.matchAll(TOKEN)) {
    if (!known.has(m[1]))
      out.push({ at: m.index! + 1, reason: `unknown placeholder {{${m[1]}}} (known: ${MESSAGE_PLACEHOLDERS.join(', ')})` });
  }
  const stray = template.replace(TOKEN, (t) => ' '.repeat(t.length)).search(/\{\{|\}\}/);
  if (stray >= 0) out.push({ at: stray + 1, reason: 'unbalanced {{ }}: write placeholders as {{name}} or {{name|default}}' });
  return out;
}

/** The filled template, or null when a placeholder without default has no value. */
export function filledTemplate(template: string, vars: MessageVars): string | null {
  let missing = false;
  const text = template.replace(TOKEN, (_t, name: MessagePlaceholder, dflt: string | undefined) => {
    const v = vars[name];
    if (v !== null && v !== undefined && v !== '') return v;
    if (dflt !== undefined) return dflt;
    missing = true;
    return '';
  });
  return missing ? null : text;
}

/** The template filled, else the fallback filled, else null. */
export function messageFromTemplate(template: string, vars: MessageVars, fallback?: string | null): string | null {
  return filledTemplate(template, vars) ?? (fallback ? filledTemplate(fallback, vars) : null);
}
