/**
 * An instant as mail shows it: the weekday, date and time in the team's time zone,
 * then the same instant in UTC, so a reader in any zone can check it. Pure.
 */

// One formatter per zone: making an Intl.DateTimeFormat costs ~0.1 ms, formatting with
// one a few µs, and every acknowledgement formats several dates (issue 11: 0.5 ms an ack).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    // Zones come from the config and policies: a handful. The bound only guards a bug.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(timezone, f);
  }
  return f;
}

export function formatWhen(iso: string, timezone: string): string {
  const d = new Date(iso);
  return `${formatterFor(timezone).format(d)} (${d.toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z')})`;
}
