/**
 * A secret value (password, passphrase) marked where it enters the program. It
 * prints as "[secret]" in logs, JSON and util.inspect, so passing a config object
 * to a logger or an error cannot leak it; only reveal() gives the value.
 */
import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
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
