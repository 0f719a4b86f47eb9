// One day in milliseconds: every epoch-ms time in the project (history, as-of dates, windows) is
// measured in it. Defined once.
export const DAY = 86_400_000;
