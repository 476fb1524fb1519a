// The values the extractor reads from a report, by field name: what the phrasing tests pin.
import { extractReport } from '../../src/extract/extract.js';

export function extractedFields(text: string, subject: string | null = null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extractReport({ text, subject }).fields).map(([k, v]) => [k, (v as { value: unknown }).value]));
}
