/**
 * The login pages: ask for a link, the same answer whatever the address, and the confirm
 * page a mailed link opens (logging in is a POST, so a mail scanner that fetches the link
 * does not spend it). The token is echoed only into the confirm form, escaped.
 */
import { html } from '../html.js';
import { page } from '../layout.js';

export function loginPage(note?: string): string {
  return page(
    'Log in',
    null,
    html`<h1>Log in</h1>
      ${note ? html`<p class="notice">${note}</p>` : null}
      <form method="post" action="/login" class="card">
        <label>Your team address <input type="email" name="email" required autocomplete="email" /></label>
        <button>Mail me a login link</button>
      </form>
      <section>
        <p>Registered a passkey? <button id="passkey-login" type="button">Log in with a passkey</button></p>
        <p id="passkey-status" class="muted"></p>
      </section>
      <script src="/passkey.js" defer></script>
      <p class="muted">The link goes to team members only, signed by the team key and encrypted to your key. It works once, for 10 minutes.</p>`,
  );
}

export const LINK_SENT = 'If that address belongs to a team member with a key on file, a login link is on its way. It works once, for 10 minutes.';

export function confirmPage(token: string, member: string): string {
  return page(
    'Log in',
    null,
    html`<h1>Log in as ${member}</h1>
      <form method="post" action="/login/link" class="card">
        <input type="hidden" name="token" value="${token}" />
        <button>Log in</button>
      </form>`,
  );
}

export function linkRefusedPage(): string {
  return page(
    'Log in',
    null,
    html`<h1>This link does not work</h1>
      <p>It was used already, has expired, or is not one we made.</p>
      <p><a href="/login">Ask for a new one</a></p>`,
  );
}
