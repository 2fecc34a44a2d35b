/** Error codes of API.md and the HTTP status each maps to. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ARCHIVED: 409,
  /** An upload or body over the size limit; `fields` names the part (`file`, `body`). */
  PAYLOAD_TOO_LARGE: 413,
  /** An upload whose sniffed content is not an allowed type, or does not match its file name. */
  UNSUPPORTED_FILE_TYPE: 415,
  RECORD_INCOMPLETE: 422,
  /** A workbook import with problems (`details.problems`, each naming its sheet and cell); nothing was written. */
  IMPORT_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A field the caller got wrong; `message` is a key of the message catalog (or already localized text). */
export type FieldProblem = { path: string; message: string; params?: Record<string, string | number> };

export type AppErrorOptions = {
  fields?: FieldProblem[];
  /** Extra machine-readable details (e.g. the missing parts of a record). */
  details?: Record<string, unknown>;
  /** Message key in the catalog; defaults to the code. */
  messageKey?: string;
  params?: Record<string, string | number>;
  retryAfterSeconds?: number;
};

/** Thrown anywhere; one handler turns it into the error shape of API.md in the caller's language. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly options: AppErrorOptions;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.messageKey ?? code);
    this.code = code;
    this.options = options;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = (messageKey?: string) => new AppError('FORBIDDEN', messageKey ? { messageKey } : {});
export const invalidField = (path: string, message: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { fields: [{ path, message, ...(params ? { params } : {}) }] });
