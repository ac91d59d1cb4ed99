import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

export interface DeleteDocumentInput {
  id: string;
  documentId: string;
}

export function deleteDocument({ id, documentId }: DeleteDocumentInput) {
  return unwrap(
    api.DELETE('/api/v1/proposals/{id}/documents/{document_id}', {
      params: { path: { id, document_id: documentId } },
    }),
  );
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDocument,
    onSuccess: (_data, { id }) => queryClient.invalidateQueries({ queryKey: proposalPartsKey(id) }),
  });
}
