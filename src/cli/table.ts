/**
 * Pieces of the CLI's tables: a cell cut to a width with an ellipsis (a 300-character
 * subject made every row of `cases list` wrap), and an instant shown in the configured
 * time zone ("2026-11-23 10:07"), the zone named once in the header. Pure.
 */
import { zonedFormatter } from '../util/zoned-format.js';

/** `s` cut to `max` characters, the last one an ellipsis when it was longer. */
export function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** An ISO instant as "YYYY-MM-DD HH:MM" in `timezone`; '' for none, the text itself when it is no time. */
export function tableTime(iso: string | null | undefined, timezone: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts = zonedFormatter('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const v = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}
