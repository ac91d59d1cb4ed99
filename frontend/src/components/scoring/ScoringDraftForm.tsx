import { Alert, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { AutosaveIndicator } from '../AutosaveIndicator';
import { FormError } from '../FormError';
import { StickyBar } from '../StickyBar';
import type { Criterion } from '../../lib/api/types';
import type { ScoringDraft } from './useScoringDraft';
import { ScoringForm } from './ScoringForm';

/**
 * A scoring form saved by itself (a review or a consensus report): the notice after a conflict,
 * the message above the form, the criteria, and a bar at the bottom with the autosave's status and
 * the editor's own actions (`children`, e.g. "Submit the review").
 */
export function ScoringDraftForm({
  draft,
  criteria,
  idPrefix,
  children,
}: {
  draft: ScoringDraft;
  criteria: readonly Criterion[];
  idPrefix: string;
  children?: ReactNode;
}) {
  const { autosave } = draft;
  return (
    <Stack gap="md">
      {draft.notice && (
        <Alert color="orange" variant="light" role="alert" withCloseButton onClose={draft.dismissNotice}>
          {draft.notice}
        </Alert>
      )}
      <FormError message={draft.general} />
      <ScoringForm criteria={criteria} values={draft.values} onChange={draft.onChange} errors={draft.errors} idPrefix={idPrefix} />
      <StickyBar>
        <AutosaveIndicator status={autosave.status} error={autosave.error} onRetry={() => void autosave.flush()} />
        {children}
      </StickyBar>
    </Stack>
  );
}
