// "Now" in the store's convention: a Date whose UTC fields hold the local wall clock (timestamps
// are stored without zone), so it compares with stored effective dates directly.
export function wallClockNow(): Date {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
}

/** Midnight (wall clock) of the day holding `d`. */
export function dayStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
