/**
 * The fields of an opened message read as a new report. Its own small module because an
 * open worker does it ahead of recording (pipeline/open-stage.ts), and importing it from
 * the recording code loaded the whole domain core into every worker (~60 ms of start-up
 * each). Pure; input is the decrypted, untrusted message. It never throws: an extractor
 * that fails gives no fields and says why.
 */
import type { OpenedMessage } from '../open/opened.js';
import { extractReport } from './extract.js';
import type { ExtractResult } from './types.js';

export function newReportFields(o: Pick<OpenedMessage, 'text' | 'subject' | 'attachments'>): ExtractResult {
  try {
    return extractReport({ text: o.text, subject: o.subject || null, attachments: o.attachments.map((a) => ({ filename: a.filename })) });
  } catch (e) {
    // A bug in reading fields must not keep a report out: the case opens without them and
    // the failure is logged where the fields are recorded (pipeline/record-fields.ts).
    // The error's own words, bounded: they name our code (a property, a pattern), not the text.
    return { fields: {}, spam: { likely: false, score: 0, reasons: [] }, failed: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
  }
}
