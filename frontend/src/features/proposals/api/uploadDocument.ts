import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ProposalDocument } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { ApiError } from '../../../lib/problem';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

export interface UploadDocumentInput {
  id: string;
  documentType: string;
  file: File;
  /** Called with the share sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Uploads one document as multipart/form-data (one part `file`). Uses
 * XMLHttpRequest rather than fetch because only it reports upload progress.
 * 413 too large, 415 wrong content type, 422 unknown document type.
 */
export async function uploadDocument(input: UploadDocumentInput): Promise<ProposalDocument> {
  try {
    return await sendOnce(input);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !tokenStore.accessToken) throw error;
    // The access token expired: any call through the API client refreshes it (once), then try again.
    await api.GET('/api/v1/me');
    if (!tokenStore.accessToken) throw error;
    return sendOnce(input);
  }
}

function sendOnce({ id, documentType, file, onProgress }: UploadDocumentInput): Promise<ProposalDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `/api/v1/proposals/${encodeURIComponent(id)}/documents?document_type=${encodeURIComponent(documentType)}`;
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = tokenStore.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as ProposalDocument);
      } else {
        reject(
          ApiError.fromResponse(
            new Response(null, { status: xhr.status, headers: { 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' } }),
            body,
          ),
        );
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function useUploadDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadDocument,
    onSuccess: (_doc, { id }) => queryClient.invalidateQueries({ queryKey: proposalPartsKey(id) }),
  });
}
