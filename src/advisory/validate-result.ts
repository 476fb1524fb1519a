/** What a validator says of a document: valid, or each error with where it is. */
export interface Validation {
  valid: boolean;
  /** "path: message", at most a screenful. */
  errors: string[];
}

export const MAX_ERRORS_SHOWN = 20;

export function result(errors: string[]): Validation {
  return { valid: errors.length === 0, errors: errors.slice(0, MAX_ERRORS_SHOWN) };
}

/** ajv's errors as "instancePath: message". */
export function ajvErrors(errors: ReadonlyArray<{ instancePath: string; message?: string | undefined; params?: unknown }> | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
