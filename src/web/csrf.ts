/**
 * Cross-site request forgery: every state-changing request must carry the session's CSRF
 * secret back in its `_csrf` field (a form posted from another site cannot know it), and
 * must not come from another origin by the browser's own account (Sec-Fetch-Site, Origin).
 * SameSite=Strict on the cookie is the third wall. Pure: headers and fields in, verdict out.
 */
import { sameSecret } from './tokens.js';

export const CSRF_FIELD = '_csrf';

export interface CsrfInput {
  /** The session's secret; undefined when there is no session. */
  secret: string | undefined;
  /** The `_csrf` field of the form. */
  field: unknown;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** Our own origin(s): the public URL's, and the one the request was addressed to. */
  ownOrigins: readonly string[];
}

/** Null when the request may change state; else why not. */
export function csrfRefusal(i: CsrfInput): string | null {
  if (i.secFetchSite && i.secFetchSite !== 'same-origin' && i.secFetchSite !== 'none') return `cross-site request (Sec-Fetch-Site: ${i.secFetchSite})`;
  if (i.origin && i.origin !== 'null' && !i.ownOrigins.includes(i.origin)) return 'request from another origin';
  // Opaque (a sandboxed frame, a data: URL, or a no-referrer page): only when the browser itself says same-origin.
  if (i.origin === 'null' && i.secFetchSite !== 'same-origin') return 'request from an opaque origin';
  if (!i.secret) return 'no session';
  if (typeof i.field !== 'string' || !sameSecret(i.field, i.secret)) return 'missing or wrong CSRF token';
  return null;
}
