// One error type for everything a user can cause: a code, a message that says
// where and what to do, and the library error behind it as `cause`.

/** Machine-readable error codes; each maps to exit code 2 unless noted. */
export type ErrorCode =
  | 'usage'
  | 'file'
  | 'encoding'
  | 'csv'
  | 'header'
  | 'value'
  | 'duplicate'
  | 'framework'
  | 'data'
  | 'output';

/** A problem caused by the input or the invocation, reported without a stack trace. */
export class SmeiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmeiError';
    this.code = code;
  }
}

/** Whether a value is a SmeiError (works across module copies). */
export function isSmeiError(e: unknown): e is SmeiError {
  return e instanceof Error && e.name === 'SmeiError' && typeof (e as SmeiError).code === 'string';
}
