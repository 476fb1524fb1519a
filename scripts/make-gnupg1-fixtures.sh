#!/usr/bin/env bash
# Makes test/fixtures/pgp/gnupg1/: signatures as GnuPG 1.4 made them (Debian's gnupg1),
# for issue 16: a version 3 signature (--force-v3-sigs, what GnuPG up to 2.0 made by
# default on RSA keys for years) and a signature by a DSA key with an ElGamal
# subkey (what old Thunderbird/Enigmail users still have). Each is a PGP/MIME
# multipart/signed mail and a clear-signed text mail, beside the signers' public keys.
# Run by hand (apt-get install gnupg1); the files are committed, so CI needs no gnupg1.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/pgp/gnupg1"
export GNUPGHOME="$(mktemp -d)"
trap 'rm -rf "$GNUPGHOME"' EXIT
gen() {
  gpg1 --batch --gen-key <<PARAMS
Key-Type: $1
Key-Length: 2048
$2
Name-Real: $3
Name-Email: $4
Expire-Date: 0
%no-protection
%commit
PARAMS
}
gen RSA '' 'Vic Three' vic@example.org
gen DSA 'Subkey-Type: ELG-E
Subkey-Length: 2048' 'Olga Oldkey' olga@example.org
gpg1 --armor --export vic@example.org >"$out/vic-rsa.asc"
gpg1 --armor --export olga@example.org >"$out/olga-dsa-elg.asc"
# A test key, unprotected: the tests decrypt with it what we encrypt to its ElGamal subkey.
gpg1 --armor --export-secret-keys olga@example.org >"$out/olga-dsa-elg.secret.asc"
body=$'Content-Type: text/plain; charset=us-ascii\r\n\r\nThe backup job writes the database dump to /tmp, world-readable.\r\n'
mail() { # name signer extra-flags
  local part sig b=signed-by-gnupg1
  part="$body"
  sig="$(printf '%s' "$part" | gpg1 --batch $3 --local-user "$2" --armor --detach-sign)"
  {
    printf 'Return-Path: <%s>\r\nFrom: <%s>\r\nTo: security@example.com\r\nSubject: backups\r\nMIME-Version: 1.0\r\n' "$2" "$2"
    printf 'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="%s"\r\n\r\n--%s\r\n' "$b" "$b"
    printf '%s' "$part"
    printf '\r\n--%s\r\nContent-Type: application/pgp-signature\r\n\r\n%s\r\n--%s--\r\n' "$b" "$sig" "$b"
  } >"$out/$1-pgpmime.eml"
  {
    printf 'Return-Path: <%s>\r\nFrom: <%s>\r\nTo: security@example.com\r\nSubject: backups\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n' "$2" "$2"
    printf 'The backup job writes the database dump to /tmp, world-readable.\n' | gpg1 --batch $3 --local-user "$2" --clearsign | sed 's/$/\r/'
  } >"$out/$1-clearsigned.eml"
}
mail v3-rsa vic@example.org '--force-v3-sigs --digest-algo SHA256'
mail dsa olga@example.org '--digest-algo SHA256'
gpg1 --version | head -1 >"$out/MADE-WITH"
