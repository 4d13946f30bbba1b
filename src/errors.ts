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

/**
 * A problem caused by the input or the invocation, reported without a stack
 * trace. `message` is English; `zh`, where a message has one, is what a run
 * in Chinese (`--lang zh`, the default) prints instead.
 */
export class SmeiError extends Error {
  readonly code: ErrorCode;
  readonly zh: string | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; zh?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SmeiError';
    this.code = code;
    this.zh = options?.zh;
  }
}

/** An error's message as a clause of a longer one (its closing stop dropped): English, or its Chinese where it has one. */
export function errorClause(e: SmeiError, lang: 'en' | 'zh'): string {
  return (lang === 'zh' ? (e.zh ?? e.message) : e.message).replace(/[.。]\s*$/, '');
}

/** Whether a value is a SmeiError (works across module copies). */
export function isSmeiError(e: unknown): e is SmeiError {
  return e instanceof Error && e.name === 'SmeiError' && typeof (e as SmeiError).code === 'string';
}
