/** Thrown for an invalid configuration; the message names the field and says why. */
export class ConfigError extends Error {
  /** The offending field, in the chapters' notation (e.g. "hidden units d"). */
  readonly field: string;
  constructor(field: string, why: string, got: unknown) {
    super(`${field} ${why} (got ${show(got)})`);
    this.name = 'ConfigError';
    this.field = field;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v == null) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Returns v if it is a positive integer, else throws ConfigError naming field. */
export function positiveInt(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new ConfigError(field, 'must be a positive integer', v);
  }
  return v;
}

/** Returns v if it is a non-negative integer, else throws ConfigError. */
export function nonNegativeInt(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new ConfigError(field, 'must be a non-negative integer', v);
  }
  return v;
}

/** Returns v if it is a finite number, else throws ConfigError. */
export function finite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ConfigError(field, 'must be a finite number', v);
  }
  return v;
}

/** Returns v if it is a finite number > 0, else throws ConfigError. */
export function positive(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new ConfigError(field, 'must be a positive finite number', v);
  }
  return v;
}

/** Returns v if it is a finite number >= 0, else throws ConfigError. */
export function nonNegative(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new ConfigError(field, 'must be a non-negative finite number', v);
  }
  return v;
}

/** Returns v if it is one of the allowed strings/values, else throws ConfigError listing them. */
export function oneOf<T extends string | number | boolean>(field: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw new ConfigError(field, `must be one of ${allowed.join(', ')}`, v);
  }
  return v as T;
}

/** Returns v if it is a boolean, else throws ConfigError. */
export function bool(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(field, 'must be true or false', v);
  return v;
}
