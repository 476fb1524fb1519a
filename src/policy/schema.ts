/**
 * The shape of a policy file: milestones with durations, calendars, reminder leads
 * and escalations. Presets live in config/policies/; operators may write their own.
 * Policy files are operator input: validated strictly, with errors naming the key.
 */
import * as z from 'zod';
import { CASE_STATES } from '../cases/model/states.js';
import { isValidTimezone } from '../util/timezone.js';
import { parseFieldEntry } from '../extract/completeness.js';
import { holidaysLibrary } from './holidays.js';

function isHolidayRegion(region: string): boolean {
  if (region === 'none') return true;
  const Holidays = holidaysLibrary();
  const [country, state] = region.split('-');
  const countries = new Holidays().getCountries();
  if (!country || !countries[country]) return false;
  return !state || Boolean(new Holidays().getStates(country)?.[state]);
}

/** "48h", "7d", "3 business days", "1 business day", "90 days", "12 hours". */
export const durationText = z.string().regex(/^\s*\d+\s*(h|hours?|d|days?|business days?|bd)\s*$/i, 'a duration such as "48h", "7d" or "3 business days"');

const milestone = z
  .object({
    within: durationText.optional(),
    every: durationText.optional(),
    exploitedWithin: durationText.optional(),
    afterFix: durationText.optional(),
    /** auto-acknowledgement | team-reply | state:<a case state> (that state or any later one). */
    satisfiedBy: z
      .string()
      .refine(
        (v) => v === 'auto-acknowledgement' || v === 'team-reply' || (v.startsWith('state:') && (CASE_STATES as readonly string[]).includes(v.slice(6))),
        `one of "auto-acknowledgement", "team-reply", or "state:" and a case state (${CASE_STATES.join(', ')})`,
      ),
    reminderLead: durationText.optional(),
    escalateTo: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((m) => Boolean(m.within) !== Boolean(m.every), { message: 'set exactly one of "within" or "every"' });

export const MILESTONES = ['acknowledge', 'firstResponse', 'statusUpdate', 'resolution', 'disclosure'] as const;
export type MilestoneName = (typeof MILESTONES)[number];

/** The EU Cyber Resilience Act's notification milestones (Article 14), owed under `cra: true` (deadlines/cra.ts). */
export const CRA_MILESTONE_NAMES = ['cra_early_warning', 'cra_notification', 'cra_final_report'] as const;
export type CraMilestoneName = (typeof CRA_MILESTONE_NAMES)[number];
/** Every milestone a case's deadlines can have: the policy's, and the CRA's. */
export type DeadlineName = MilestoneName | CraMilestoneName;

/** `cra: true`, or the escalation of the CRA milestones (default: the whole team). */
const craOption = z.union([z.boolean(), z.object({ escalateTo: z.array(z.string().min(1)).default(['team']) }).strict()]);

export const policySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    businessCalendar: z
      .object({
        timezone: z.string().default('UTC').refine(isValidTimezone, 'unknown time zone (use an IANA name such as America/New_York)'),
        /** "none", or a country/region code of the date-holidays library: "US", "DE", "US-CA". */
        holidays: z.string().default('none').refine(isHolidayRegion, 'unknown holiday region (use "none" or a code such as US, DE, US-CA)'),
      })
      .strict()
      .default({ timezone: 'UTC', holidays: 'none' }),
    milestones: z
      .object(Object.fromEntries(MILESTONES.map((m) => [m, milestone.optional()])) as Record<MilestoneName, z.ZodOptional<typeof milestone>>)
      .strict(),
    /** The report fields this policy asks reporters for ("steps|poc": either one will do). */
    report: z
      .object({
        required: z.array(z.string().refine((e) => parseFieldEntry(e) !== undefined, 'unknown report field (see README, "Report fields")')).default([]),
        helpful: z.array(z.string().refine((e) => parseFieldEntry(e) !== undefined, 'unknown report field (see README, "Report fields")')).default([]),
      })
      .strict()
      .optional(),
    /** The EU Cyber Resilience Act (Article 14): a case flagged exploited owes an early warning in 24 h,
     *  a notification in 72 h and a final report 14 days after the fix (deadlines/cra.ts). */
    cra: craOption.default(false),
    /** States whose reaching is mailed to the reporter (encrypted when we hold their key). */
    reporterNotices: z.array(z.enum(CASE_STATES)).default(['triaged', 'fix_released', 'disclosed', 'closed']),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
export type Milestone = NonNullable<Policy['milestones'][MilestoneName]>;
