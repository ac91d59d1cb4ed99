import { useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../../i18n';
import type { Consensus, Criterion } from '../../../lib/api/types';
import { ScoringDraftForm } from '../../../components/scoring/ScoringDraftForm';
import { useScoringDraft } from '../../../components/scoring/useScoringDraft';
import { fetchConsensus } from '../api/getConsensus';
import { consensusQueryKey } from '../../../lib/queryKeys/consensus';
import { saveConsensus } from '../api/saveConsensus';

/** The rapporteur's consensus draft, shaped like a review and saved by itself (If-Match; a 412 reloads). */
export function ConsensusEditor({ consensus, criteria }: { consensus: Consensus; criteria: readonly Criterion[] }) {
  const t = useMessages();
  const queryClient = useQueryClient();
  const proposalId = consensus.proposal_id;
  const draft = useScoringDraft({
    criteria,
    initial: consensus,
    save: (version, content) => saveConsensus({ proposalId, version, content }),
    fetchLatest: () => fetchConsensus(proposalId),
    // The outcome next to the form follows the scores.
    store: (stored) => queryClient.setQueryData(consensusQueryKey(proposalId), stored),
    conflictMessage: t.consensus.conflictReloaded,
    notEditableMessage: t.consensus.readOnlyNotRapporteur,
  });
  return <ScoringDraftForm draft={draft} criteria={criteria} idPrefix="consensus" />;
}
