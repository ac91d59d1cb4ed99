import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { saveBlob } from '../../../lib/download';

/** Fetches the decision letter (PDF) with the session's token and saves it. */
export async function downloadLetter(proposalId: string, filename: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/proposals/{id}/letter', { params: { path: { id: proposalId } }, parseAs: 'blob' }),
  );
  saveBlob(blob, filename);
}
