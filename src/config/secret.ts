/**
 * A secret value (password, passphrase) marked where it enters the program. It
 * prints as "[secret]" in logs, JSON and util.inspect, so passing a config object
 * to a logger or an error cannot leak it; only reveal() gives the value.
 */
import { inspect } from 'node:util';

export class Secret {
  #value: string | undefined;
  readonly #load: (() => string) | undefined;
  /** A value, or a loader run on first reveal() (a secret file is read only by commands that need it). */
  constructor(value: string | (() => string)) {
    if (typeof value === 'string') this.#value = value;
    else this.#load = value;
  }
  reveal(): string {
    if (this.#value === undefined) this.#value = (this.#load as () => string)();
    return this.#value;
  }
  toJSON(): string {
    return '[secret]';
  }
  toString(): string {
    return '[secret]';
  }
  [inspect.custom](): string {
    return '[secret]';
  }
}
