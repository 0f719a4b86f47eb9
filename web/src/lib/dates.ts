// Dates typed into the dashboard: the API takes YYYY-MM-DD (or YYYY-MM-DD HH:MM) wall-clock dates.

/** Whether a text is a real calendar date the API accepts. */
export function isDateText(s: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d))?$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return (
    d.getUTCFullYear() === +m[1] &&
    d.getUTCMonth() === +m[2] - 1 &&
    d.getUTCDate() === +m[3] &&
    (m[4] === undefined || (+m[4] < 24 && +m[5] < 60))
  );
}

/** The YYYY-MM-DD day `days` before (negative: after) an ISO date or YYYY-MM-DD text. */
export function dayShift(iso: string, days: number): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return new Date(d.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
