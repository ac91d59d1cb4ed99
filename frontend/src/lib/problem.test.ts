import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, parseProblem, parseRetryAfter, problemForForm } from './problem';

function apiError(status: number, body: unknown, headers: Record<string, string> = {}): ApiError {
  return ApiError.fromResponse(new Response(null, { status, headers }), body);
}

describe('problemForForm', () => {
  const validation = {
    type: 'https://jointcall.example/problems/validation-failed', code: 'validation-failed',
    title: 'Unprocessable Entity',
    status: 422,
    detail: '2 field(s) are invalid: email, password',
    errors: [
      { field: 'email', code: 'invalid_format', message: 'Enter a valid email address.' },
      { field: 'password', code: 'too_short', message: 'A password has at least 12 characters.' },
    ],
  };

  it('puts each error next to the field it names and shows no general message', () => {
    const result = problemForForm(apiError(422, validation), ['email', 'password', 'full_name']);
    expect(result.fieldErrors).toEqual({
      email: 'Enter a valid email address.',
      password: 'A password has at least 12 characters.',
    });
    expect(result.generalMessage).toBeNull();
  });

  it('joins several errors about the same field', () => {
    const body = {
      ...validation,
      errors: [
        { field: 'password', code: 'too_short', message: 'Too short.' },
        { field: 'password', code: 'same_as_email', message: 'Not your email.' },
      ],
    };
    expect(problemForForm(apiError(422, body), ['password']).fieldErrors).toEqual({
      password: 'Too short. Not your email.',
    });
  });

  it('accepts JSON-pointer and body-prefixed field names', () => {
    const body = {
      ...validation,
      errors: [
        { field: '/email', code: 'x', message: 'pointer' },
        { field: 'body.password', code: 'x', message: 'dotted' },
      ],
    };
    expect(problemForForm(apiError(422, body), ['email', 'password']).fieldErrors).toEqual({
      email: 'pointer',
      password: 'dotted',
    });
  });

  it('shows errors about fields the form does not have as the general message', () => {
    const body = {
      ...validation,
      errors: [
        { field: 'token', code: 'expired', message: 'This link has expired.' },
        { field: 'new_password', code: 'too_short', message: 'Too short.' },
      ],
    };
    const result = problemForForm(apiError(422, body), ['new_password', 'confirm_password']);
    expect(result.fieldErrors).toEqual({ new_password: 'Too short.' });
    expect(result.generalMessage).toBe('This link has expired.');
  });

  it('falls back to detail, then title, when there are no field errors', () => {
    expect(
      problemForForm(apiError(409, { title: 'Conflict', status: 409, detail: 'This email is taken.' }), ['email'])
        .generalMessage,
    ).toBe('This email is taken.');
    expect(problemForForm(apiError(409, { title: 'Conflict', status: 409 }), ['email']).generalMessage).toBe(
      'Conflict',
    );
  });

  it('gives a readable message for a body that is not a problem', () => {
    const result = problemForForm(apiError(502, '<html>Bad gateway</html>'), ['email']);
    expect(result.fieldErrors).toEqual({});
    expect(result.generalMessage).toBe('<html>Bad gateway</html>');
    expect(problemForForm(apiError(500, undefined), []).generalMessage).toBe(
      'Something went wrong. Please try again.',
    );
  });

  it('explains a network failure', () => {
    expect(problemForForm(new TypeError('Failed to fetch'), ['email']).generalMessage).toMatch(
      /could not be reached/,
    );
  });
});

describe('errorMessage', () => {
  it('prefers the errors[] sentences over a validation summary in detail', () => {
    const error = apiError(422, {
      status: 422,
      detail: '1 field(s) are invalid: token',
      errors: [{ field: 'token', code: 'invalid', message: 'This link is not valid any more; ask for a new one.' }],
    });
    expect(errorMessage(error)).toBe('This link is not valid any more; ask for a new one.');
  });

  it('uses detail when there are no field errors', () => {
    expect(errorMessage(apiError(409, { status: 409, detail: 'The address is confirmed already.' }))).toBe(
      'The address is confirmed already.',
    );
  });
});

describe('parseProblem', () => {
  it('drops malformed entries of errors[] and keeps the rest', () => {
    const problem = parseProblem(
      { status: 422, errors: [{ field: 'a', message: 'ok' }, { field: 'b' }, 'junk', null] },
      422,
    );
    expect(problem.errors).toEqual([{ field: 'a', message: 'ok' }]);
  });

  it('takes the status from the response when the body has none', () => {
    expect(parseProblem({ detail: 'x' }, 403)).toEqual({ status: 403, detail: 'x' });
  });
});

describe('429 Too Many Requests', () => {
  it('reads Retry-After seconds into the message', () => {
    const error = apiError(429, { status: 429, detail: 'server text' }, { 'Retry-After': '42' });
    expect(error.retryAfter).toBe(42);
    expect(errorMessage(error)).toBe('Too many attempts, try again in 42 seconds.');
  });

  it('reads an HTTP-date Retry-After', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('copes with a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(errorMessage(apiError(429, { status: 429 }))).toBe('Too many attempts, try again later.');
  });
});
