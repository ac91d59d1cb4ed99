import { Alert, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { AutosaveIndicator } from '../../../components/AutosaveIndicator';
import { FormError } from '../../../components/FormError';
import { StickyBar } from '../../../components/StickyBar';
import { useMessages } from '../../../i18n';
import type { Consensus, Criterion } from '../../../lib/api/types';
import { ScoringForm } from '../../reviews/components/ScoringForm';
import { useScoringDraft } from '../../reviews/useScoringDraft';
import { fetchConsensus } from '../api/getConsensus';
import { consensusQueryKey } from '../api/keys';
import { saveConsensus } from '../api/saveConsensus';

/** The rapporteur's consensus draft, shaped like a review and saved by itself (If-Match; a 412 reloads). */
export function ConsensusEditor({ consensus, criteria }: { consensus: Consensus; criteria: readonly Criterion[] }) {
  const t = useMessages();
  const queryClient = useQueryClient();
  const proposalId = consensus.proposal_id;
  const draft = useScoringDraft({
    criteria,
    initial: consensus,
    save: async (version, content) => {
      const saved = await saveConsensus({ proposalId, version, content });
      // The outcome next to the form follows the scores.
      queryClient.setQueryData(consensusQueryKey(proposalId), saved);
      return saved;
    },
    fetchLatest: async () => {
      const latest = await fetchConsensus(proposalId);
      queryClient.setQueryData(consensusQueryKey(proposalId), latest);
      return latest;
    },
    conflictMessage: t.consensus.conflictReloaded,
    notEditableMessage: t.consensus.readOnlyNotRapporteur,
  });
  return (
    <Stack gap="md">
      {draft.notice && (
        <Alert color="orange" variant="light" role="alert" withCloseButton onClose={draft.dismissNotice}>
          {draft.notice}
        </Alert>
      )}
      <FormError message={draft.general} />
      <ScoringForm
        criteria={criteria}
        values={draft.values}
        onChange={draft.onChange}
        errors={draft.errors}
        idPrefix="consensus"
      />
      <StickyBar>
        <AutosaveIndicator
          status={draft.autosave.status}
          error={draft.autosave.error}
          onRetry={() => void draft.autosave.flush()}
        />
      </StickyBar>
    </Stack>
  );
}
