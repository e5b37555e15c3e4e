// Error codes of the control API, with their HTTP status. Shared by every transport.
export const errorStatus = {
  unauthorized: 401,
  rate_limited: 429,
  not_found: 404,
  invalid_argument: 400,
  conflict: 409,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

/** An error a method handler throws on purpose; anything else is reported as `internal`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
