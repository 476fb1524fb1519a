/**
 * An early scavenge for loops that make large short-lived Buffers outside V8's heap:
 * better-sqlite3 returns each stored piece of a blob as a fresh Buffer, and V8 lets ~40 MiB
 * of such young garbage build up before it collects any, which is more than half the size
 * of the 70 MiB message being put together from them (issue 11, `npm run bench --
 * big-message`). V8's gc() is exposed for this one use through v8.setFlagsFromString, in a
 * context of its own; where that is refused, garbage is only collected when V8 would anyway.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major' }) => void;

let gc: Gc | null | undefined;

/** Collects the young generation now (about a millisecond), if this process lets us. */
export function collectYoungGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  gc?.({ type: 'minor' });
}
