/**
 * The fields sectriage reads out of a report, with where each came from. Values are
 * normalised (canonical vulnerability type, upper-case CVE/CWE ids, ISO dates) so that
 * cases compare and the completeness check can ask for exactly what is missing.
 * These are derived from untrusted reporter text: never render them as markup.
 */

/** Where a value came from: character offsets into the report text, an attachment, or the Subject. */
export type Span = { start: number; end: number } | { attachment: string } | { header: 'subject' };

export interface CvssValue {
  vector: string;
  version: '2.0' | '3.1' | '4.0' | '3.0';
  valid: boolean;
  /** Base score (2.0, 3.x) or CVSS-B score (4.0); absent when the vector is invalid. */
  score?: number;
  severity?: 'None' | 'Low' | 'Medium' | 'High' | 'Critical';
  error?: string;
  /** A score the reporter gave without a vector ("CVSS 9.8"): vector empty, valid false. */
  scoreOnly?: boolean;
}

export interface CreditValue {
  kind: 'name' | 'handle' | 'anonymous';
  name?: string;
}

export interface FieldValues {
  title: string;
  vulnType: string;
  cwe: string[];
  component: string;
  affectedVersions: string;
  fixedVersion: string;
  steps: string;
  impact: string;
  poc: string;
  configuration: string;
  mitigation: string;
  locations: string[];
  commit: string;
  branch: string;
  cvss: CvssValue;
  cves: string[];
  public: boolean;
  exploited: boolean;
  disclosureDate: string;
  credit: CreditValue;
}

export type FieldName = keyof FieldValues;

export const FIELD_NAMES: readonly FieldName[] = [
  'title',
  'vulnType',
  'cwe',
  'component',
  'affectedVersions',
  'fixedVersion',
  'steps',
  'impact',
  'poc',
  'configuration',
  'mitigation',
  'locations',
  'commit',
  'branch',
  'cvss',
  'cves',
  'public',
  'exploited',
  'disclosureDate',
  'credit',
];

/** Words for a field in mail to the reporter and on the CLI (never report text). */
export const FIELD_LABELS: Record<FieldName, string> = {
  title: 'a short title or summary',
  vulnType: 'the type of vulnerability (e.g. SQL injection, XSS, buffer overflow)',
  cwe: 'the CWE id',
  component: 'the affected product or component',
  affectedVersions: 'the affected version(s)',
  fixedVersion: 'the version that fixes it, if any',
  steps: 'step-by-step instructions to reproduce it',
  impact: 'the impact: what an attacker could achieve',
  poc: 'proof-of-concept code, screenshots or an exploit (if available)',
  configuration: 'any special configuration needed to reproduce it',
  mitigation: 'a suggested mitigation or fix (if you have ideas)',
  locations: 'the full paths of the affected source files, URLs or endpoints',
  commit: 'the commit where the issue exists',
  branch: 'the branch where the issue exists',
  cvss: 'a CVSS v3.1 or v4.0 vector',
  cves: 'related CVE ids',
  public: 'whether the issue is already public',
  exploited: 'whether it is exploited in the wild',
  disclosureDate: 'when you plan to disclose it',
  credit: 'the name or pseudonym to credit (or that you wish to remain anonymous)',
};

export interface Extracted<K extends FieldName = FieldName> {
  value: FieldValues[K];
  sources: Span[];
}

export type ExtractedFields = { [K in FieldName]?: Extracted<K> };

export interface ReportPart {
  title: string;
  source: Span;
  vulnType?: string;
  /** The first CWE named in this part's own text. */
  cwe?: string;
  /** The first CVSS vector in this part's own text, scored. */
  cvss?: { vector: string; score?: number; severity?: string };
}

export interface ExtractResult {
  fields: ExtractedFields;
  /** Set when one mail reports several vulnerabilities: one entry per section. */
  multiple?: ReportPart[];
  /** Not a security report (marketing, SEO, bounty begging without content). */
  spam: { likely: boolean; score: number; reasons: string[] };
  /** Set when the extractor failed on this text (a bug of ours): no field was read, and the case opens without them. */
  failed?: string;
}

export interface ExtractInput {
  text: string;
  subject?: string | null;
  attachments?: Array<{ filename?: string | null | undefined; contentType?: string | undefined }>;
}
