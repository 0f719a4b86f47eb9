// A stored value (customer attribute, loyalty field) as text: numbers formatted, midnight
// timestamps as dates, booleans as yes/no, nothing as a dash.
import { formatDate, formatDateTime, formatDecimal, formatInt } from './format.ts';

export function attrText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? formatInt(v) : formatDecimal(v, 2);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT00:00:00(\.000)?Z$/.test(v)) return formatDate(v);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return formatDateTime(v);
  return String(v);
}
