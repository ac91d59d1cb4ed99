import { ApiError } from '../../lib/problem';

/** The short code of a problem: the last segment of its `type` URI (`.../problems/envelope-exceeded`). */
export function problemCode(error: unknown): string | null {
  if (!(error instanceof ApiError) || !error.problem.type) return null;
  const segments = error.problem.type.split('/');
  return segments[segments.length - 1] || null;
}
