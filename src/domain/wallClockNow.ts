// Local wall-clock "now" as a UTC-epoch Date: timestamps are stored without zone, so a Date whose UTC
// fields hold the local wall clock compares with stored times directly.
export function wallClockNow(): Date {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
}
