import { en, type Messages } from '../i18n/en';
import type { components } from './api/schema';

/** Every problem code the API publishes (`ProblemCode` in the spec). */
export type ProblemCode = components['schemas']['ProblemCode'];

/** One entry of the `errors` member of an RFC 9457 problem. */
export interface ProblemFieldError {
  field: string;
  code?: string;
  message: string;
}

/** An RFC 9457 `application/problem+json` body as the jointcall API sends it. */
export interface Problem {
  type?: string;
  /** The last segment of `type`, one of the spec's codes. */
  code?: ProblemCode;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads whatever the server sent back into a `Problem`, tolerating junk. */
export function parseProblem(body: unknown, status: number): Problem {
  if (!isRecord(body)) {
    return typeof body === 'string' && body.trim() !== ''
      ? { status, detail: body.trim().slice(0, 500) }
      : { status };
  }
  const problem: Problem = { status: typeof body.status === 'number' ? body.status : status };
  if (typeof body.type === 'string') problem.type = body.type;
  // Trusted as a code of the spec: the server's type is the contract.
  if (typeof body.code === 'string') problem.code = body.code as ProblemCode;
  if (typeof body.title === 'string') problem.title = body.title;
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.flatMap((entry): ProblemFieldError[] => {
      if (!isRecord(entry) || typeof entry.message !== 'string') return [];
      const fieldError: ProblemFieldError = {
        field: typeof entry.field === 'string' ? entry.field : '',
        message: entry.message,
      };
      if (typeof entry.code === 'string') fieldError.code = entry.code;
      return [fieldError];
    });
  }
  return problem;
}

/**
 * Parses a Retry-After header: either delay-seconds or an HTTP date.
 * Returns whole seconds (>= 0), or undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** An API call that answered with a non-2xx status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from the Retry-After header, when the server sent one (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    return new ApiError(
      response.status,
      parseProblem(body, response.status),
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The problem's code (`envelope-exceeded`): compare it with the spec's union, so a code the API does not send fails the type check. */
export function problemCode(error: unknown): ProblemCode | null {
  if (!(error instanceof ApiError)) return null;
  return error.problem.code ?? null;
}

/**
 * Field names in `errors[].field` may be plain (`email`) or a JSON pointer /
 * dotted path (`/email`, `body.email`). Forms use plain names.
 */
export function normaliseField(field: string): string {
  let name = field.trim();
  if (name.startsWith('/')) name = name.slice(1).replaceAll('/', '.');
  if (name.startsWith('body.')) name = name.slice('body.'.length);
  return name;
}

export interface ProblemForForm {
  /** Message per form field, for the fields the form has. */
  fieldErrors: Record<string, string>;
  /** A readable message for everything that is not attached to a known field; null if none. */
  generalMessage: string | null;
}

/** A readable sentence for an error of any kind. */
export function errorMessage(error: unknown, messages: Messages = en): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter !== undefined
        ? messages.errors.tooManyAttempts(error.retryAfter)
        : messages.errors.tooManyAttemptsLater;
    }
    // errors[] messages are sentences for people; a validation `detail` is a summary for programs.
    const fieldMessages = (error.problem.errors ?? []).map((e) => e.message).filter(Boolean);
    if (fieldMessages.length > 0) return fieldMessages.join(' ');
    if (error.problem.detail) return error.problem.detail;
    if (error.problem.title) return error.problem.title;
    if (error.status === 403) return messages.errors.forbidden;
    if (error.status === 404) return messages.errors.notFound;
    return messages.errors.unexpected;
  }
  if (error instanceof TypeError) return messages.errors.network;
  return messages.errors.unexpected;
}

/**
 * Splits an error into per-field messages (for the fields named in
 * `knownFields`) and one general message for the rest: `detail` (or `title`),
 * plus the messages of errors about fields the form does not show.
 */
export function problemForForm(
  error: unknown,
  knownFields: readonly string[],
  messages: Messages = en,
): ProblemForForm {
  if (!(error instanceof ApiError)) {
    return { fieldErrors: {}, generalMessage: errorMessage(error, messages) };
  }
  const fieldErrors: Record<string, string> = {};
  const unattached: string[] = [];
  for (const entry of error.problem.errors ?? []) {
    const field = normaliseField(entry.field);
    if (knownFields.includes(field)) {
      const previous = fieldErrors[field];
      fieldErrors[field] = previous ? `${previous} ${entry.message}` : entry.message;
    } else {
      unattached.push(entry.message);
    }
  }
  const attachedAny = Object.keys(fieldErrors).length > 0;
  let generalMessage: string | null = null;
  if (unattached.length > 0) {
    generalMessage = unattached.join(' ');
  } else if (!attachedAny) {
    generalMessage = errorMessage(error, messages);
  }
  return { fieldErrors, generalMessage };
}
