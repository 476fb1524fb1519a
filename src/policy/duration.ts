/**
 * Pure date arithmetic for policy durations: calendar hours and days, and business
 * days in a time zone that skip weekends and the holidays of a date-holidays region.
 * A business-day deadline ends at the same local wall-clock time on the n-th
 * following business day (a report at Fri 18:00 with "3 business days" is due Wed
 * 18:00); DST shifts are absorbed by doing the walk in local time.
 */
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { holidaysLibrary } from './holidays.js';

export interface Duration {
  amount: number;
  unit: 'hours' | 'days' | 'businessDays';
}

export function parseDuration(text: string): Duration {
  const m = /^\s*(\d+)\s*(h|hours?|d|days?|business days?|bd)\s*$/i.exec(text);
  if (!m) throw new Error(`not a duration: "${text}"`);
  const amount = Number(m[1]);
  const u = (m[2] as string).toLowerCase();
  return { amount, unit: u.startsWith('h') ? 'hours' : u.startsWith('b') ? 'businessDays' : 'days' };
}

export interface BusinessCalendar {
  timezone: string;
  holidays: string;
}

const holidayCache = new Map<string, Holidays | null>();

function holidaysFor(region: string): Holidays | null {
  if (region === 'none') return null;
  let h = holidayCache.get(region);
  if (h === undefined) {
    const [country, state] = region.split('-');
    const Holidays = holidaysLibrary();
    h = state ? new Holidays(country as string, state) : new Holidays(country as string);
    if (!h.getCountries()[country as string]) throw new Error(`unknown holiday region "${region}"`);
    holidayCache.set(region, h);
  }
  return h;
}

/** True when the local calendar date is a Saturday, Sunday or public holiday of the region. */
export function isNonWorkingDay(local: DateTime, cal: BusinessCalendar): boolean {
  if (local.weekday >= 6) return true;
  const h = holidaysFor(cal.holidays);
  if (!h) return false;
  return publicHolidayDates(cal.holidays, h, local.year).has(local.toFormat('yyyy-MM-dd'));
}

// date-holidays computes a year's list on each call (ms each); the deadline sweep asks per day.
const yearCache = new Map<string, Set<string>>();

function publicHolidayDates(region: string, h: Holidays, year: number): Set<string> {
  const key = `${region}:${year}`;
  let set = yearCache.get(key);
  if (!set) {
    const list = h.getHolidays(year) as Array<{ date: string; type: string }>;
    set = new Set(list.filter((x) => x.type === 'public').map((x) => x.date.slice(0, 10)));
    yearCache.set(key, set);
  }
  return set;
}

export function addDuration(start: Date, d: Duration, cal: BusinessCalendar): Date {
  if (d.unit === 'hours') return new Date(start.getTime() + d.amount * 3_600_000);
  if (d.unit === 'days') return new Date(start.getTime() + d.amount * 86_400_000);
  let local = DateTime.fromJSDate(start, { zone: cal.timezone });
  // The walk counts local calendar dates (plain UTC-midnight arithmetic, a few µs in
  // all) and moves the wall clock once at the end: stepping luxon a day at a time cost
  // ~0.5 ms a report for a 90-business-day policy (issue 11).
  let day = Date.UTC(local.year, local.month - 1, local.day);
  // A report that arrives on a non-working day starts its clock at the next working morning.
  if (isNonWorkingDate(day, cal)) {
    let k = 0;
    while (isNonWorkingDate(day + k * DAY_MS, cal)) k++;
    local = local.plus({ days: k }).startOf('day');
    day += k * DAY_MS;
  }
  let left = d.amount;
  let k = 0;
  while (left > 0) {
    k++;
    if (!isNonWorkingDate(day + k * DAY_MS, cal)) left--;
  }
  return local.plus({ days: k }).toJSDate();
}

const DAY_MS = 86_400_000;

/** isNonWorkingDay for a local calendar date given as the UTC midnight of the same date. */
function isNonWorkingDate(utcMidnight: number, cal: BusinessCalendar): boolean {
  const date = new Date(utcMidnight);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  const h = holidaysFor(cal.holidays);
  if (!h) return false;
  return publicHolidayDates(cal.holidays, h, date.getUTCFullYear()).has(date.toISOString().slice(0, 10));
}

/**
 * The instant `d` before `end`: for reminder leads. Business days walk back in local
 * time to the same wall-clock time on the n-th earlier working day (a Wed 18:00 due
 * with a 1-business-day lead is reminded Tue 18:00; a Mon due is reminded the Friday).
 */
export function subtractDuration(end: Date, d: Duration, cal: BusinessCalendar): Date {
  if (d.unit === 'hours') return new Date(end.getTime() - d.amount * 3_600_000);
  if (d.unit === 'days') return new Date(end.getTime() - d.amount * 86_400_000);
  let local = DateTime.fromJSDate(end, { zone: cal.timezone });
  let left = d.amount;
  while (left > 0) {
    local = local.minus({ days: 1 });
    if (!isNonWorkingDay(local, cal)) left--;
  }
  return local.toJSDate();
}
