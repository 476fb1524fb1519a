/**
 * Storage of the report fields of a case (migration 0002): the fields with their
 * sources, the report-level facts (several parts, spam signal, what is missing and
 * what was asked for), and duplicate candidates. Values come from src/extract and
 * are reporter text: the CLI prints them through safeText, plain mail never carries them.
 */
import type { Db } from '../../db/open.js';
import { duplicateCandidates, forgetCheckedCase, updateSketchFields } from './duplicates.js';
import type { ExtractResult, FieldName, Span } from '../../extract/types.js';
import { FIELD_LABELS } from '../../extract/types.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';

export interface StoredField {
  field: FieldName;
  label: string;
  value: unknown;
  sources: Span[];
  messageId: number;
  at: string;
}

export function caseFields(db: Db, caseId: number): StoredField[] {
  const rows = db
    .prepare("SELECT field, case_text(value, case_id, 'case_fields.value') AS value, sources, message_id, at FROM case_fields WHERE case_id = ? ORDER BY rowid")
    .all(caseId) as Array<{
    field: FieldName;
    value: string;
    sources: string;
    message_id: number;
    at: string;
  }>;
  return rows.map((r) => ({
    field: r.field,
    label: FIELD_LABELS[r.field] ?? r.field,
    value: JSON.parse(r.value) as unknown,
    sources: JSON.parse(r.sources) as Span[],
    messageId: r.message_id,
    at: r.at,
  }));
}

/** Stores the fields the case does not have yet; returns their names. */
export function addFields(db: Db, caseId: number, messageRowId: number, result: ExtractResult, at: Date): FieldName[] {
  const have = new Set(caseFields(db, caseId).map((f) => f.field));
  const insert = db.prepare('INSERT INTO case_fields (case_id, field, value, sources, message_id, at) VALUES (?, ?, ?, ?, ?, ?)');
  const added: FieldName[] = [];
  const seal = sealerOf(db);
  for (const [name, f] of Object.entries(result.fields) as Array<[FieldName, { value: unknown; sources: Span[] }]>) {
    if (have.has(name)) continue;
    insert.run(
      caseId,
      name,
      seal.sealText(caseScope(caseId), 'case_fields.value', JSON.stringify(f.value)),
      JSON.stringify(f.sources),
      messageRowId,
      at.toISOString(),
    );
    added.push(name);
  }
  if (added.length) forgetCheckedCase(db, caseId);
  if (added.includes('vulnType') || added.includes('component'))
    updateSketchFields(db, caseId, { vulnType: result.fields.vulnType?.value, component: result.fields.component?.value });
  return added;
}

export interface ReportMeta {
  parts: Array<{ title: string; vulnType?: string; cwe?: string; cvss?: { vector: string; score?: number; severity?: string } }> | null;
  spam: { likely: boolean; score: number; reasons: string[] };
  missingRequired: string[];
  missingHelpful: string[];
  asked: string[] | null;
}

export function saveReportMeta(db: Db, caseId: number, m: ReportMeta, at: Date): void {
  db.prepare(
    `INSERT INTO case_report (case_id, parts, spam_likely, spam_score, spam_reasons, missing_required, missing_helpful, asked, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET missing_required = excluded.missing_required, missing_helpful = excluded.missing_helpful, updated_at = excluded.updated_at`,
  ).run(
    caseId,
    sealerOf(db).sealText(caseScope(caseId), 'case_report.parts', m.parts ? JSON.stringify(m.parts) : null),
    m.spam.likely ? 1 : 0,
    m.spam.score,
    JSON.stringify(m.spam.reasons),
    JSON.stringify(m.missingRequired),
    JSON.stringify(m.missingHelpful),
    m.asked ? JSON.stringify(m.asked) : null,
    at.toISOString(),
  );
}

export function reportMeta(db: Db, caseId: number): ReportMeta | undefined {
  const r = db.prepare("SELECT *, case_text(parts, case_id, 'case_report.parts') AS parts FROM case_report WHERE case_id = ?").get(caseId) as
    | {
        parts: string | null;
        spam_likely: number;
        spam_score: number;
        spam_reasons: string;
        missing_required: string;
        missing_helpful: string;
        asked: string | null;
      }
    | undefined;
  if (!r) return undefined;
  return {
    parts: r.parts ? (JSON.parse(r.parts) as ReportMeta['parts']) : null,
    spam: { likely: r.spam_likely === 1, score: r.spam_score, reasons: JSON.parse(r.spam_reasons) as string[] },
    missingRequired: JSON.parse(r.missing_required) as string[],
    missingHelpful: JSON.parse(r.missing_helpful) as string[],
    asked: r.asked ? (JSON.parse(r.asked) as string[]) : null,
  };
}

/** Everything about a case's report fields, for `cases show` and --json. */
export function reportFieldsDetail(db: Db, caseId: number) {
  return { fields: caseFields(db, caseId), report: reportMeta(db, caseId) ?? null, duplicates: duplicateCandidates(db, caseId) };
}

export type ReportFieldsDetail = ReturnType<typeof reportFieldsDetail>;
