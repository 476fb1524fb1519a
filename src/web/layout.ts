/**
 * The page frame every console page shares: one stylesheet, no script, a header with the
 * member and a logout form (carrying the CSRF token like every state-changing form), and
 * the headers that keep a page inert: a strict Content-Security-Policy (nothing remote, no
 * inline anything), no framing, no MIME sniffing, no Referer to other sites (a login link must not leak; same-origin, because
 * with no-referrer Chromium sends Origin: null on our own form posts).
 * Titles and everything interpolated are escaped by html.ts.
 */
import { CSRF_FIELD } from './csrf.js';
import { html, type Html, type HtmlValue } from './html.js';

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** For the two pages that need the passkey script (login, passkeys): the same policy plus that one same-origin file and its requests. */
export const SCRIPT_HEADERS: Record<string, string> = {
  'Content-Security-Policy': (SECURITY_HEADERS['Content-Security-Policy'] as string).replace(
    "default-src 'none';",
    "default-src 'none'; script-src 'self'; connect-src 'self';",
  ),
};

export interface PageUser {
  name: string;
  csrf: string;
}

export function csrfInput(csrf: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}" />`;
}

export function page(title: string, user: PageUser | null, body: HtmlValue): string {
  const nav = user
    ? html`<nav>
        <a href="/">Cases</a> <a href="/digest">Digest</a> <a href="/passkeys">Passkeys</a>
        <form method="post" action="/logout" class="inline">${csrfInput(user.csrf)}<span class="who">${user.name}</span> <button>Log out</button></form>
      </nav>`
    : null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · security console</title>
        <link rel="stylesheet" href="/console.css" />
      </head>
      <body>
        <header><strong class="brand">security console</strong>${nav}</header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
