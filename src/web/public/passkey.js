// The console's only script: WebAuthn needs the browser's API, so registering a passkey and
// logging in with one run here. Same-origin file, no inline code; it posts forms carrying the
// CSRF token (registration) like every other form, and follows the server's redirect.
'use strict';

async function post(url, fields) {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), credentials: 'same-origin' });
  if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
  return res.json();
}

function say(text) {
  const out = document.getElementById('passkey-status');
  if (out) out.textContent = text;
}

async function register(button) {
  const csrf = button.dataset.csrf;
  const options = await post('/passkeys/register/options', { _csrf: csrf });
  const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  await post('/passkeys/register/verify', { _csrf: csrf, response: JSON.stringify(credential.toJSON()) });
  location.reload();
}

async function login() {
  const options = await post('/login/passkey/options', {});
  const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
  const done = await post('/login/passkey/verify', { response: JSON.stringify(credential.toJSON()) });
  location.assign(done.next);
}

for (const [id, run] of [
  ['passkey-register', register],
  ['passkey-login', login],
]) {
  const button = document.getElementById(id);
  if (button)
    button.addEventListener('click', () => {
      say('Waiting for your authenticator…');
      run(button).catch((e) => say(`Passkey: ${e.message}`));
    });
}
