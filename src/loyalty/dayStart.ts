// Midnight (wall clock: a Date whose UTC fields hold the local time, the store's convention) of the day holding `d`.
export function dayStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
