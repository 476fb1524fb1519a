/**
 * An instant as mail shows it: the weekday, date and time in the team's time zone,
 * then the same instant in UTC, so a reader in any zone can check it. Pure.
 */
import { zonedFormatter } from '../util/zoned-format.js';

export function formatWhen(iso: string, timezone: string): string {
  const d = new Date(iso);
  const local = zonedFormatter('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
  return `${local} (${d.toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z')})`;
}
