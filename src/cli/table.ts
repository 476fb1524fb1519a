/**
 * Pieces of the CLI's tables: a cell cut to a width with an ellipsis (a 300-character
 * subject made every row of `cases list` wrap), and an instant shown in the configured
 * time zone ("2026-11-23 10:07"), the zone named once in the header, and a count with thousands
 * commas. Pure.
 */
import { zonedFormatter } from '../util/zoned-format.js';

/** A count with thousands commas ("9,752") as toLocaleString('en') writes it, without loading ICU's number formats (~20 ms of a `cases list` cold start, issue 11). */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `s` cut to `max` characters, the last one an ellipsis when it was longer. */
export function cut(s: string, max: number): string {
  // No longer than max in UTF-16 units is no longer in characters: most cells, at no cost.
  if (s.length <= max) return s;
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const DAY_MS = 86_400_000;
/** The bound only keeps a list over centuries from growing without end. */
const MAX_DAYS = 100_000;
/** A zone's offset from UTC in ms through a whole UTC day, or null for a day it changes (DST). */
const dayOffsets = new Map<string, number | null>();

/**
 * An ISO instant as "YYYY-MM-DD HH:MM" in `timezone`; '' for none, the text itself when it
 * is no time. Intl formats one instant in ~5 us, which was a tenth of `cases list` on
 * 10,000 cases (issue 11): the zone's offset is found once per UTC day instead, and only
 * a day with an offset change (a DST switch) formats each instant through Intl.
 */
export function tableTime(iso: string | null | undefined, timezone: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const day = Math.floor(t / DAY_MS);
  const key = `${timezone}|${day}`;
  // UTC needs no zone rules at all (loading ICU's costs ~10 ms of a cold start).
  let offset = timezone === 'UTC' ? 0 : dayOffsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(day * DAY_MS, timezone);
    offset = first === offsetAt((day + 1) * DAY_MS - 1000, timezone) ? first : null;
    if (dayOffsets.size >= MAX_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  if (offset === null) {
    const p = zonedParts(t, timezone);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }
  const local = new Date(t + offset).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The wall-clock fields of `t` in `timezone`, two digits each (four for the year). */
function zonedParts(t: number, timezone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = zonedFormatter('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const v = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: v('year'), month: v('month'), day: v('day'), hour: v('hour'), minute: v('minute'), second: v('second') };
}

/** Local wall clock minus UTC at `t`, in ms (whole seconds: old local mean times had seconds). */
function offsetAt(t: number, timezone: string): number {
  const p = zonedParts(t, timezone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(t / 1000) * 1000;
}
