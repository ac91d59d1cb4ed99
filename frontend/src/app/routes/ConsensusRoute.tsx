import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { callQueryOptions } from '../../lib/api/call';
import { useCanManageCalls } from '../../features/calls/status';
import { useConsensus } from '../../features/consensus/api/getConsensus';
import { ConsensusView } from '../../features/consensus/components/ConsensusView';
import { useMe } from '../../lib/auth/me';
import { criteriaOf, overallThresholdOf } from '../../lib/scoring';
import { useMessages } from '../../i18n';
import { isApiError } from '../../lib/problem';

/** /proposals/:id/consensus: for the rapporteur (writes) and the operator (approves). */
export function ConsensusRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const isOperator = useCanManageCalls();
  const consensus = useConsensus(id);
  // The consensus names its call, whose settings have the criteria (funders may not read the proposal).
  const callId = consensus.data?.call_id;
  const call = useQuery({ ...callQueryOptions(callId ?? ''), enabled: callId !== undefined });
  const isFunder = useMe().data?.roles.includes('funder') ?? false;
  const back = isFunder && !isOperator && callId ? (
    <Anchor component={Link} to={`/calls/${callId}/funding`} size="sm">
      ← {t.funding.open}
    </Anchor>
  ) : isOperator ? (
    <Anchor component={Link} to={`/proposals/${id}/evaluation`} size="sm">
      ← {t.evaluation.proposalEvaluation(consensus.data?.acronym ?? '')}
    </Anchor>
  ) : (
    <Anchor component={Link} to="/reviews" size="sm">
      ← {t.reviews.back}
    </Anchor>
  );
  const error = consensus.error ?? call.error;
  if (error) {
    return (
      <Stack gap="md">
        {back}
        <QueryError
          error={error}
          onRetry={
            isApiError(error) && error.status < 500
              ? undefined
              : () => {
                  void consensus.refetch();
                  void call.refetch();
                }
          }
        />
      </Stack>
    );
  }
  if (!consensus.data || !call.data) return <PageLoader />;
  const stage = consensus.data.stage;
  return (
    <Stack gap="lg">
      {back}
      <ConsensusView
        consensus={consensus.data}
        criteria={criteriaOf(call.data.settings, stage)}
        overallThreshold={overallThresholdOf(call.data.settings, stage)}
        timeZone={call.data.settings.time_zone}
        isOperator={isOperator}
      />
    </Stack>
  );
}
