/**
 * Report content sealed at rest, per database connection. Each case (and each spool
 * entry, and each outbox mail without a case) has its own random data key, stored in
 * `data_keys` wrapped by the key-encryption key of src/seal/kek-file.ts; a value is sealed
 * with its scope's data key and bound to its scope and column (src/seal/envelope.ts).
 * Dates, states, ids, CWE and due times stay clear, so the deadline engine and the lists
 * never decrypt.
 *
 * Writers seal in TypeScript (sealText/sealBytes, inside their transaction). Readers may
 * open in TypeScript or in SQL through the functions this registers on the connection:
 *   case_text(value, case_id, 'table.column')   the text of a case's sealed value
 *   unseal_text(value, scope, 'table.column')   the same for any scope
 *   unseal_blob(value, scope, 'table.column')   bytes
 * A TEXT value passes through unchanged: rows written before sealing (sealed by
 * src/seal/seal-existing.ts when the database is opened), and event kinds whose data is
 * our own words. Input is the database's content: a value that does not open is an error.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { isSealed, newKey, open, seal, unwrapKey, wrapKey } from './envelope.js';
import { readKeyFile, type KeyRing } from './kek-file.js';

/** A connection (the type open.ts names Db; named here so that open.ts can import this module). */
type Db = Database.Database;

export const caseScope = (caseId: number | bigint): string => `case:${caseId}`;
export const spoolScope = (sha256: string): string => `spool:${sha256}`;
export const outboxScope = (messageId: string): string => `outbox:${messageId}`;

const KEY_SQL = 'SELECT kek_id, wrapped FROM data_keys WHERE scope = ?';
const KEYS_SQL = 'SELECT scope, kek_id, wrapped FROM data_keys WHERE scope IN (SELECT value FROM json_each(?))';
/** Every case's key ('case:' sorts before 'case;'). */
const CASE_KEYS_SQL = "SELECT scope, kek_id, wrapped FROM data_keys WHERE scope >= 'case:' AND scope < 'case;'";
const CASE_KEY_COUNT_SQL = "SELECT count(*) AS n FROM data_keys WHERE scope >= 'case:' AND scope < 'case;'";

type WrappedRow = { scope: string; kek_id: string; wrapped: Buffer };
interface Lookups {
  some: Database.Statement;
  all: Database.Statement;
  count: Database.Statement;
}

interface DataKey {
  wrapped: Buffer;
  dek: Buffer;
}

const sealers = new WeakMap<Db, Sealer>();

export class Sealer {
  readonly #db: Db;
  #ring: KeyRing | undefined;
  #ringStamp: string | undefined;
  readonly #keys = new Map<string, DataKey>();
  /** Wrapped keys read ahead (#fetchAround), not unwrapped yet. */
  readonly #fetched = new Map<string, { kek_id: string; wrapped: Buffer }>();
  #side: Db | undefined;
  #sideLookup: Lookups | undefined;
  #batches = 0;
  #wholeTried = false;
  #lastMiss: number | undefined;
  /** Queries run for wrapped keys (a walk over many cases must take a few, not one per case). */
  keyQueries = 0;
  /** DEFAULTS.sealingKeysFetchedKept; a test lowers it to reach a large database's path cheaply. */
  keysKept: number = DEFAULTS.sealingKeysFetchedKept;

  constructor(db: Db, ring: KeyRing | undefined) {
    this.#db = db;
    this.#ring = ring;
    this.#ringStamp = ring && fileStamp(ring.file);
  }

  get ring(): KeyRing | undefined {
    return this.#ring;
  }

  /** After a rotation: the same data keys, wrapped by a new current key. */
  useRing(ring: KeyRing): void {
    this.#ring = ring;
    this.#ringStamp = fileStamp(ring.file);
  }

  /**
   * Reads the key file again when it changed since it was read: another process (`keys
   * rotate-sealing`) put a new current key in it, which this long-running process must
   * wrap new data keys with, and may find data keys already wrapped by.
   */
  #refreshRing(): void {
    if (!this.#ring) return;
    const stamp = fileStamp(this.#ring.file);
    if (stamp === undefined || stamp === this.#ringStamp) return;
    this.useRing(readKeyFile(this.#ring.file));
  }

  #kek(id: string, scope: string): Buffer {
    if (this.#ring && !this.#ring.keys.has(id)) this.#refreshRing();
    const kek = this.#ring?.keys.get(id);
    if (!kek)
      throw new SectriageError(
        'SEAL_KEY_MISSING',
        this.#ring
          ? `the data key of ${scope} is wrapped by key ${id}, which ${this.#ring.file} does not hold: restore the sealing key file`
          : `the database holds sealed content but no sealing key was loaded`,
      );
    return kek;
  }

  /** The data key of a scope, made and stored (in the caller's transaction) when it has none. */
  #keyForWrite(scope: string): Buffer {
    const row = this.#db.prepare(KEY_SQL).get(scope) as { kek_id: string; wrapped: Buffer } | undefined;
    const cached = this.#keys.get(scope);
    if (row && cached?.wrapped.equals(row.wrapped)) return cached.dek;
    if (row) return this.#remember(scope, row.wrapped, unwrapKey(this.#kek(row.kek_id, scope), scope, row.wrapped));
    this.#refreshRing();
    if (!this.#ring) throw new SectriageError('SEAL_KEY_MISSING', `no sealing key is loaded: cannot store content of ${scope}`);
    const dek = newKey();
    const wrapped = wrapKey(this.#kek(this.#ring.currentId, scope), scope, dek);
    this.#db.prepare('INSERT INTO data_keys (scope, kek_id, wrapped) VALUES (?, ?, ?)').run(scope, this.#ring.currentId, wrapped);
    return this.#remember(scope, wrapped, dek);
  }

  #remember(scope: string, wrapped: Buffer, dek: Buffer): Buffer {
    this.#keys.set(scope, { wrapped, dek });
    return dek;
  }

  /**
   * The data key of a scope for reading. A key not yet seen is read through a second,
   * read-only connection: this one may be busy (inside a SQL function, or iterating), and
   * a key made by this process in an open transaction is already remembered.
   */
  #keyForRead(scope: string, fresh = false): Buffer {
    const cached = this.#keys.get(scope);
    if (cached && !fresh) return cached.dek;
    let row = fresh ? undefined : this.#fetched.get(scope);
    if (!row) {
      this.#fetchAround(scope);
      row = this.#fetched.get(scope);
    }
    this.#fetched.delete(scope);
    if (!row) throw new SectriageError('SEAL_INVALID', `sealed content of ${scope} has no data key`);
    return this.#remember(scope, row.wrapped, unwrapKey(this.#kek(row.kek_id, scope), scope, row.wrapped));
  }

  /**
   * Reads the wrapped key of `scope` and, for a case, those of its neighbours by id in the
   * same query: a list or a digest opens the subjects of thousands of cases, mostly in id
   * order (either way), and one query per case cost as much as the decryption. On the third
   * batch, when every case's key fits in memory, they are all read at once, once; a larger
   * database goes on a window at a time. Unwrapped only when used.
   */
  #fetchAround(scope: string): void {
    const m = /^case:(\d+)$/.exec(scope);
    if (m && ++this.#batches > 2 && !this.#wholeTried) {
      this.#wholeTried = true;
      const { count, all } = this.#lookupStatements();
      this.keyQueries++;
      if ((count.get() as { n: number }).n <= this.keysKept) {
        this.#fetched.clear();
        this.#keep(all.all() as WrappedRow[], scope);
        if (this.#fetched.has(scope)) return;
      }
    }
    let scopes = [scope];
    if (m) {
      // The walk's direction, from the last miss: a list newest first goes down the ids.
      const n = Number(m[1]);
      const down = this.#lastMiss !== undefined && n < this.#lastMiss;
      this.#lastMiss = n;
      const first = down ? Math.max(1, n - DEFAULTS.sealingKeysFetched + 1) : n;
      scopes = Array.from({ length: DEFAULTS.sealingKeysFetched }, (_, i) => `case:${first + i}`);
    }
    if (this.#fetched.size + scopes.length > this.keysKept) this.#fetched.clear();
    this.keyQueries++;
    this.#keep(this.#lookupStatements().some.all(JSON.stringify(scopes)) as WrappedRow[], scope);
  }

  /**
   * Reads the wrapped keys of these scopes in one query, ahead of opening their values: a
   * list knows which cases it shows, and 248 open cases of 10,000 need 248 keys, not a
   * window of 256 around each miss and then all 10,000 (issue 11: ~30 ms of a cold `cases
   * list`). Keys this process holds already are not read again.
   */
  prefetch(scopes: readonly string[]): void {
    const missing = scopes.filter((s) => !this.#keys.has(s) && !this.#fetched.has(s));
    // None, or more than are kept in memory: then the keys are read a window at a time, as values are opened.
    if (!missing.length || missing.length > this.keysKept) return;
    // Most of a large database's cases (`cases list --all`): its case keys by their range,
    // which SQLite reads faster than thousands of names, as #fetchAround's whole read does.
    if (missing.length > DEFAULTS.sealingKeysFetched * 4 && !this.#wholeTried) {
      const { count, all } = this.#lookupStatements();
      this.keyQueries++;
      if ((count.get() as { n: number }).n <= Math.min(this.keysKept, missing.length * 2)) {
        this.#wholeTried = true;
        this.#fetched.clear();
        this.#keep(all.all() as WrappedRow[], '');
        return;
      }
    }
    if (this.#fetched.size + missing.length > this.keysKept) this.#fetched.clear();
    this.keyQueries++;
    this.#keep(this.#lookupStatements().some.all(JSON.stringify(missing)) as WrappedRow[], '');
  }

  #keep(rows: WrappedRow[], scope: string): void {
    for (const r of rows) if (r.scope === scope || !this.#keys.has(r.scope)) this.#fetched.set(r.scope, { kek_id: r.kek_id, wrapped: r.wrapped });
  }

  #lookupStatements(): Lookups {
    const on = (db: Db): Lookups => ({ some: db.prepare(KEYS_SQL), all: db.prepare(CASE_KEYS_SQL), count: db.prepare(CASE_KEY_COUNT_SQL) });
    if (this.#db.memory) return on(this.#db);
    if (!this.#side) {
      this.#side = new Database(this.#db.name, { readonly: true, fileMustExist: true });
      this.#sideLookup = on(this.#side);
    }
    return this.#sideLookup as Lookups;
  }

  close(): void {
    this.#side?.close();
    this.#side = undefined;
  }

  sealBytes(scope: string, label: string, plain: Buffer): Buffer {
    return seal(this.#keyForWrite(scope), `${scope}\n${label}`, plain);
  }

  sealText(scope: string, label: string, text: string): Buffer;
  sealText(scope: string, label: string, text: string | null | undefined): Buffer | null;
  sealText(scope: string, label: string, text: string | null | undefined): Buffer | null {
    return text == null ? null : this.sealBytes(scope, label, Buffer.from(text, 'utf8'));
  }

  /** The bytes of a sealed value (a value never sealed passes through). */
  openBytes(scope: string, label: string, v: Buffer): Buffer {
    if (!isSealed(v)) return v;
    const aad = `${scope}\n${label}`;
    try {
      return open(this.#keyForRead(scope), aad, v);
    } catch (e) {
      // A remembered key of a case whose transaction rolled back (its id made again), or a
      // wrapped key read ahead and since rewrapped by a rotation in another process (its old
      // sealing key gone from the file): look once more. In memory every key is made here and
      // remembered, so there is nothing to look up.
      if (!(e instanceof SectriageError) || (e.code !== 'SEAL_INVALID' && e.code !== 'SEAL_KEY_MISSING') || this.#db.memory) throw e;
      return open(this.#keyForRead(scope, true), aad, v);
    }
  }

  openText(scope: string, label: string, v: unknown): string | null {
    if (v == null) return null;
    if (typeof v === 'string') return v;
    if (!Buffer.isBuffer(v)) throw new SectriageError('SEAL_INVALID', `a value of ${label} is neither text nor sealed`);
    return this.openBytes(scope, label, v).toString('utf8');
  }
}

/** What tells a changed key file from the one read (undefined: none, or a key in memory). */
function fileStamp(file: string): string | undefined {
  if (file === ':memory:') return undefined;
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Makes `db` seal with `ring` (undefined: a database that holds nothing sealed yet, read only). */
export function attachSealer(db: Db, ring: KeyRing | undefined): Sealer {
  const s = new Sealer(db, ring);
  sealers.set(db, s);
  db.function('case_text', { deterministic: true }, (v: unknown, caseId: unknown, label: unknown) => s.openText(caseScope(caseId as number), String(label), v));
  db.function('unseal_text', { deterministic: true }, (v: unknown, scope: unknown, label: unknown) => s.openText(String(scope), String(label), v));
  db.function('unseal_blob', { deterministic: true }, (v: unknown, scope: unknown, label: unknown) =>
    v == null ? null : s.openBytes(String(scope), String(label), v as Buffer),
  );
  const close = db.close.bind(db);
  db.close = (() => {
    s.close();
    return close();
  }) as Db['close'];
  return s;
}

export function sealerOf(db: Db): Sealer {
  const s = sealers.get(db);
  if (!s) throw new SectriageError('SEAL_KEY_MISSING', 'this database connection was opened without its sealing key (use openDatabase)');
  return s;
}
