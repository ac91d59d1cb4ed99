import { api } from '../../../lib/api/client';
import type { ReviewContent } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export interface SaveConsensusInput {
  proposalId: string;
  /** The consensus's version, sent in If-Match. */
  version: number;
  content: ReviewContent;
}

/** The rapporteur's draft (may be partial). 409 reviews outstanding or approved, 412 stale, 422 invalid. */
export function saveConsensus({ proposalId, version, content }: SaveConsensusInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/consensus', {
      params: { path: { id: proposalId }, header: { 'If-Match': `"${version}"` } },
      body: content,
    }),
  );
}
