/**
 * A client for the two CVE Services 2.x calls sectriage makes (api-docs/openapi.json of
 * CVEProject/cve-services): reserve one CVE ID for the CNA (POST /cve-id?amount=1&
 * cve_year=YYYY&short_name=ORG) and publish a record from its CNA container (POST
 * /cve/{id}/cna with {cnaContainer}). Every request carries CVE-API-ORG, CVE-API-USER and
 * CVE-API-KEY. Errors come back as JSON {error, message}; 429 (the service's rate limit)
 * and 5xx are temporary, the rest permanent. The API key never appears in an error or log.
 * SECURITY: responses are the service's, trusted for intent but checked for shape.
 */
import { SectriageError } from '../errors.js';
import type { Secret } from '../config/secret.js';

export interface CveServicesAccount {
  url: string;
  orgShortName: string;
  user: string;
  apiKey: Secret;
}

export interface CveClientOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

async function call(account: CveServicesAccount, o: CveClientOptions, method: 'POST', path: string, body?: unknown): Promise<unknown> {
  const url = `${account.url.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, {
      method,
      headers: {
        'CVE-API-ORG': account.orgShortName,
        'CVE-API-USER': account.user,
        'CVE-API-KEY': account.apiKey.reveal(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(o.timeoutMs),
      redirect: 'error',
    });
  } catch (cause) {
    throw new SectriageError('CVE_SERVICES_TEMPORARY', `CVE Services at ${account.url} did not answer: ${(cause as Error).message}; try again later`, {
      cause,
    });
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return json;
  const e = (json ?? {}) as { error?: unknown; message?: unknown };
  const what = `${typeof e.error === 'string' ? e.error : `HTTP ${res.status}`}${typeof e.message === 'string' ? `: ${e.message.slice(0, 300)}` : ''}`;
  if (res.status === 429) {
    const after = res.headers.get('retry-after');
    throw new SectriageError('CVE_SERVICES_TEMPORARY', `CVE Services is rate limiting us (${what}); try again${after ? ` in ${after} s` : ' later'}`);
  }
  if (res.status >= 500) throw new SectriageError('CVE_SERVICES_TEMPORARY', `CVE Services failed (${res.status} ${what}); try again later`);
  throw new SectriageError('CVE_SERVICES', `CVE Services refused ${path.split('?')[0]} (${res.status} ${what})`);
}

/** Reserves one CVE ID for the year; returns it. */
export async function reserveCveId(account: CveServicesAccount, year: number, o: CveClientOptions): Promise<string> {
  const q = new URLSearchParams({ amount: '1', cve_year: String(year), short_name: account.orgShortName });
  const r = (await call(account, o, 'POST', `/cve-id?${q}`)) as { cve_ids?: Array<{ cve_id?: unknown }> } | undefined;
  const id = r?.cve_ids?.[0]?.cve_id;
  if (typeof id !== 'string' || !/^CVE-\d{4}-\d{4,19}$/.test(id))
    throw new SectriageError('CVE_SERVICES', 'CVE Services answered the reservation without a CVE ID');
  return id;
}

/** Publishes the record of a reserved ID from its CNA container; returns the service's message. */
export async function publishCveRecord(account: CveServicesAccount, cveId: string, cnaContainer: unknown, o: CveClientOptions): Promise<string> {
  const r = (await call(account, o, 'POST', `/cve/${encodeURIComponent(cveId)}/cna`, { cnaContainer })) as { message?: unknown } | undefined;
  return typeof r?.message === 'string' ? r.message.slice(0, 300) : `${cveId} published`;
}
