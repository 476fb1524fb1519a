/**
 * Dates as reporters write them: ISO, "15 March 2026", "March 15th, 2026",
 * "15.03.2026" (day first, as in most of Europe), "2016.10.8" (year first), "2022-26-03" (year, then a day
 * that cannot be a month), "03/15/2026" (month first unless
 * the first number cannot be a month), and "in 90 days". Returns ISO dates or "+Nd".
 */
import type { Builder } from './builder.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return dt.toISOString().slice(0, 10);
}

const SLASHES = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const DASHES = /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/;

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
  // "2022-26-03": a year first with a middle number that cannot be a month is year, day, month.
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, (m) => (+m[2]! > 12 && +m[3]! <= 12 ? iso(+m[1]!, +m[3]!, +m[2]!) : iso(+m[1]!, +m[2]!, +m[3]!))],
  [/\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/, (m) => iso(+m[1]!, +m[2]!, +m[3]!)],
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i'),
    (m) => iso(+m[3]!, MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1, +m[1]!),
  ],
  [
    new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    (m) => iso(+m[3]!, MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1, +m[2]!),
  ],
  [/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, (m) => iso(+m[3]!, +m[2]!, +m[1]!)],
  // "2016.10.8": dots with the year first are year, month, day.
  [/\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b/, (m) => iso(+m[1]!, +m[2]!, +m[3]!)],
  // "14-08-2022": dashes with the year last are written day first, unless only the other way reads ("12-17-2019").
  [DASHES, (m) => (+m[2]! > 12 && +m[1]! <= 12 ? iso(+m[3]!, +m[1]!, +m[2]!) : iso(+m[3]!, +m[2]!, +m[1]!))],
  [SLASHES, (m) => (+m[1]! > 12 ? iso(+m[3]!, +m[2]!, +m[1]!) : iso(+m[3]!, +m[1]!, +m[2]!))],
];

/**
 * How a whole text writes its slash dates: day first when one of them can only be read so
 * ("Date Reported: 25/06/2007" makes "Date Published: 05/03/2008" the 5th of March), month
 * first when one can only be read that way, else unknown.
 */
export function slashOrder(text: string): 'dmy' | 'mdy' | undefined {
  // Dashed dates with the year last ("12-20-2019") tell the order as slashed ones do.
  for (const m of text.matchAll(new RegExp(`${SLASHES.source}|${DASHES.source}`, 'g'))) {
    const [a, b] = [Number(m[1] ?? m[4]), Number(m[2] ?? m[5])];
    if (a > 12 && b <= 12) return 'dmy';
    if (b > 12 && a <= 12) return 'mdy';
  }
  return undefined;
}

export interface DateHit {
  value: string;
  index: number;
  length: number;
}

/** The first date in the text, or a relative "in N days" / "N days from now". */
export function findDate(text: string, order?: 'dmy' | 'mdy'): DateHit | undefined {
  let best: DateHit | undefined;
  for (const [re, f] of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    // An ambiguous slash date ("05/03/2008") in a text that writes day first elsewhere.
    // A dashed one likewise, read month first in a text that writes it so ("12-20-2019" makes "01-06-2020" the 6th of January).
    const v = order === 'dmy' && re === SLASHES ? iso(+m[3]!, +m[2]!, +m[1]!) : order === 'mdy' && re === DASHES ? iso(+m[3]!, +m[1]!, +m[2]!) : f(m);
    if (v && (!best || m.index < best.index)) best = { value: v, index: m.index, length: m[0].length };
  }
  if (best) return best;
  const rel =
    /\b(?:in|after|within|of|wait)\s+(\d{1,3})\s+(days?|weeks?)\b/i.exec(text) ??
    /\b(\d{1,3})[\s-]+(days?|weeks?)\s+(?:from (?:now|today|this (?:mail|email|report))|after (?:this|my) (?:report|mail|email))/i.exec(text);
  if (rel) {
    const n = Number(rel[1]) * (/^w/i.test(rel[2] as string) ? 7 : 1);
    return { value: `+${n}d`, index: rel.index, length: rel[0].length };
  }
  return undefined;
}

/**
 * Whether the ISO date `value` was written as numbers whose day and month could be swapped
 * ("04/12/2012", "01.07.2009", "12-08-2017") in `written`, and no other date of the text tells
 * which comes first: a day no reader can be sure of.
 */
export function undecidedDayMonth(written: string, value: string, text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month > 12 || day > 12 || month === day) return false;
  const [y, yy] = [m[1]!, m[1]!.slice(2)];
  const either = new RegExp(`(?<![\\d.])(?:0?${month}[./-]0?${day}|0?${day}[./-]0?${month})[./-](?:${y}|${yy})(?!\\d)`);
  return either.test(written) && slashOrder(text) === undefined && !writtenOut(text, value);
}

/** Lines of a text read for a date written out ("Release date: September 3rd, 2012"): a report's header and timeline, not a dump. */
const MAX_DATE_LINES = 400;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s/i;

/** Whether the text also gives the day `value` with its month's name, which settles the order of the numbers. */
function writtenOut(text: string, value: string): boolean {
  let read = 0;
  for (const line of text.split('\n')) {
    if (line.length > 200 || !MONTH_NAME.test(line)) continue;
    if (findDate(line)?.value === value) return true;
    if (++read >= MAX_DATE_LINES) break;
  }
  return false;
}

/** A disclosure date whose day and month could be swapped ("04/12/2012") where nothing tells the order: not filed. */
export function withoutUndecidedDate(b: Builder): void {
  const disclosed = b.fields.disclosureDate;
  const at = disclosed?.sources[0];
  if (disclosed && at && 'start' in at && undecidedDayMonth(b.text.slice(at.start, at.end), String(disclosed.value), b.text)) delete b.fields.disclosureDate;
}
