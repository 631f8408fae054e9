/**
 * One error base class with a closed set of stable codes. Callers branch on `code`,
 * never on message text; `canRetry` tells a retry loop whether trying again can help.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'CONFIG_INVALID',
  ARGUMENT_INVALID: 'ARGUMENT_INVALID',
  INPUT_UNREADABLE: 'INPUT_UNREADABLE',
  RECORD_REJECTED: 'RECORD_REJECTED',
  STORE_FAILED: 'STORE_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNAVAILABLE: 'UNAVAILABLE',
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const RETRIABLE: ReadonlySet<ErrorCode> = new Set([ErrorCodes.UNAVAILABLE, ErrorCodes.DEADLINE_EXCEEDED]);

export class TelsentryError extends Error {
  readonly code: ErrorCode;
  readonly canRetry: boolean;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; canRetry?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TelsentryError';
    this.code = code;
    this.canRetry = options?.canRetry ?? RETRIABLE.has(code);
  }
}

export function configError(field: string, limit: string, value: unknown): TelsentryError {
  return new TelsentryError(ErrorCodes.CONFIG_INVALID, `${field} must be ${limit} (got ${JSON.stringify(value)})`);
}
