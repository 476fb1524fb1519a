/** Whether the runtime's Intl knows an IANA time zone name. */
export function isValidTimezone(tz: string): boolean {
  // UTC is always known; asking Intl loads ICU's zone data (~10 ms of a CLI's cold start).
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
