import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { saveBlob } from '../../../lib/download';

export type ExportKind = 'ranking' | 'funding-plan' | 'decisions';

function fetchExport(callId: string, kind: ExportKind): Promise<Blob> {
  const path = { path: { id: callId } };
  switch (kind) {
    case 'ranking':
      return unwrap(
        api.GET('/api/v1/calls/{id}/exports/ranking', {
          params: { ...path, query: { stage: 'full' } },
          parseAs: 'blob',
        }),
      );
    case 'funding-plan':
      return unwrap(api.GET('/api/v1/calls/{id}/exports/funding-plan', { params: path, parseAs: 'blob' }));
    case 'decisions':
      return unwrap(api.GET('/api/v1/calls/{id}/exports/decisions', { params: path, parseAs: 'blob' }));
  }
}

/** Fetches a CSV export with the session's token (a link cannot carry it) and saves it. */
export async function downloadExport(callId: string, kind: ExportKind, filename: string): Promise<void> {
  saveBlob(await fetchExport(callId, kind), filename);
}
