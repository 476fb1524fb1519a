/**
 * Config for advisories and CVE IDs (issue 13): `advisory:` (who publishes, the default
 * vendor and product names, OSV's id prefix and ecosystem, whether merged duplicates'
 * reporters are credited) and `cve:` (the CNA's CVE Services account; the API key is a
 * secret: apiKeyFile, apiKey, or the env var SECTRIAGE_CVE_API_KEY).
 */
import * as z from 'zod';

const url = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL');

export const advisorySchema = z
  .object({
    /** The publisher named in CSAF documents (document.publisher). */
    publisher: z
      .object({
        name: z.string().min(1),
        /** A URL the publisher controls (CSAF publisher.namespace), e.g. https://example.com. */
        namespace: url,
        category: z.enum(['vendor', 'coordinator', 'discoverer', 'other', 'translator', 'user']).default('vendor'),
        contactDetails: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** The vendor and product a case's advisory names unless the team sets others (cases set --vendor/--product). */
    vendor: z.string().min(1).optional(),
    product: z.string().min(1).optional(),
    /** OSV ids: a registered database prefix, or "x_" for a local one (x_SEC-2026-7K3QD). */
    osvIdPrefix: z
      .string()
      .regex(/^(x_|[A-Za-z][A-Za-z-]*-)$/, 'use "x_" or a registered OSV database prefix ending in "-", such as "GHSA-"')
      .default('x_'),
    /** OSV affected[].package: an OSV ecosystem (npm, PyPI, Go, ...) and package name; without one, package is left out. */
    osvEcosystem: z.string().min(1).optional(),
    osvPackage: z.string().min(1).optional(),
    /** Credit the reporters of duplicates merged into a case (each as they asked), besides its own reporter. */
    creditDuplicates: z.boolean().default(true),
  })
  .strict();

export const cveSchema = z
  .object({
    /** CVE Services base URL (the production service; its test instance is https://cveawg-test.mitre.org/api). */
    url: url.default('https://cveawg.mitre.org/api'),
    /** The CNA's short name (CVE-API-ORG, short_name) and its UUID (the record's assignerOrgId). */
    orgShortName: z.string().min(1),
    orgId: z.string().uuid(),
    /** The CVE Services user (CVE-API-USER). */
    user: z.string().min(1),
    /** The API key (CVE-API-KEY): inline, from a file (first line), or SECTRIAGE_CVE_API_KEY. */
    apiKey: z.string().min(1).optional(),
    apiKeyFile: z.string().min(1).optional(),
  })
  .strict();

export const ADVISORY_DEFAULTS = { osvIdPrefix: 'x_', creditDuplicates: true } as const;
