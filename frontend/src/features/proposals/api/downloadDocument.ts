import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

/** Fetches a document with the session's token and hands it to the browser as a download. */
export async function downloadDocument(id: string, documentId: string, filename: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/proposals/{id}/documents/{document_id}', {
      params: { path: { id, document_id: documentId } },
      parseAs: 'blob',
    }),
  );
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
