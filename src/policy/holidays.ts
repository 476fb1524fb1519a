/**
 * The date-holidays library, loaded the first time a policy names a holiday region: it
 * carries the holidays of every country and takes ~130 ms to load, which every command
 * (and the CLI's cold start, issue 11) paid before, whether its policies have holidays
 * or not. Its CommonJS build loads synchronously, so the policy code stays synchronous.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

let loaded: typeof HolidaysClass | undefined;

export function holidaysLibrary(): typeof HolidaysClass {
  loaded ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return loaded;
}
