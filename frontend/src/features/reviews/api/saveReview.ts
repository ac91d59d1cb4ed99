import { api } from '../../../lib/api/client';
import type { ReviewContent } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export interface SaveReviewInput {
  assignmentId: string;
  /** The review's version, sent in If-Match. */
  version: number;
  content: ReviewContent;
}

/**
 * Saves the draft (autosave): any part may be missing. 412 stale version,
 * 409 submitted already, 422 off the scale / unknown criterion / too long.
 */
export function saveReview({ assignmentId, version, content }: SaveReviewInput) {
  return unwrap(
    api.PUT('/api/v1/assignments/{id}/review', {
      params: { path: { id: assignmentId }, header: { 'If-Match': `"${version}"` } },
      body: content,
    }),
  );
}
