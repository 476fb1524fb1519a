/**
 * The member's passkeys page: the ones registered, each with a button that removes it
 * (a plain form), and a button that registers another
 * (public/passkey.js, the console's only script; the page's CSP allows that one file).
 */
import type { StoredPasskey } from '../passkey-store.js';
import { html } from '../html.js';
import { csrfInput, page, type PageUser } from '../layout.js';

export function passkeysPage(user: PageUser, keys: StoredPasskey[]): string {
  return page(
    'Passkeys',
    user,
    html`<h1>Passkeys</h1>
      <section>
        <p>With a passkey you log in without waiting for a mailed link.</p>
        ${
          keys.length
            ? html`<ul class="passkeys">
                ${keys.map(
                  (k) =>
                    html`<li>
                      registered ${k.createdAt.replace('T', ' ').slice(0, 16)} <span class="muted">${k.id.slice(0, 16)}…</span>
                      <form method="post" action="/passkeys/delete" class="inline">
                        ${csrfInput(user.csrf)}<input type="hidden" name="id" value="${k.id}" /><button>Remove</button>
                      </form>
                    </li>`,
                )}
              </ul>`
            : html`<p class="muted">You have no passkey yet.</p>`
        }
        <button id="passkey-register" data-csrf="${user.csrf}">Register a passkey</button>
        <p id="passkey-status" class="muted"></p>
      </section>
      <script src="/passkey.js" defer></script>`,
  );
}
