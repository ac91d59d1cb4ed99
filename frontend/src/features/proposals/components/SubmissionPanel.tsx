import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { ChecklistItem, Proposal } from '../../../lib/api/types';
import { formatDate } from '../../../lib/format';
import { errorMessage, isApiError } from '../../../lib/problem';
import { useProposalTransition, useSubmitProposal } from '../api/transitions';
import { ChecklistItems } from './ChecklistPanel';

/** Submit (draft), withdraw or reopen (submitted): coordinator only, before the deadline. */
export function SubmissionPanel({ proposal, deadlinePassed }: { proposal: Proposal; deadlinePassed: boolean }) {
  const t = useMessages();
  const submit = useSubmitProposal();
  const withdraw = useProposalTransition('withdraw');
  const reopen = useProposalTransition('reopen');
  const [refusal, setRefusal] = useState<ChecklistItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const partnerIds = proposal.partners.map((p) => p.id);

  const onError = (e: unknown) => setError(errorMessage(e, t));

  return (
    <Stack gap="sm">
      {proposal.status === 'submitted' && proposal.submitted_at && (
        <Alert color="green" variant="light">
          {t.proposals.statusSubmitted(formatDate(proposal.submitted_at, t.format.locale))}
        </Alert>
      )}
      {proposal.status === 'withdrawn' && (
        <Alert color="orange" variant="light">
          {t.proposals.statusWithdrawn}
        </Alert>
      )}
      {!proposal.is_coordinator && (
        <Text size="sm" c="dimmed">
          {t.proposals.onlyCoordinator}
        </Text>
      )}
      <FormError message={error} />
      {refusal && refusal.length > 0 && (
        <Alert color="red" variant="light" role="alert" title={t.proposals.submitRefused}>
          <ChecklistItems
            items={refusal}
            partnerIds={partnerIds}
          />
        </Alert>
      )}
      <Group gap="sm">
        {proposal.is_coordinator && proposal.status === 'draft' && (
          <Button
            loading={submit.isPending}
            disabled={deadlinePassed}
            onClick={() => {
              if (!window.confirm(t.proposals.submitConfirm)) return;
              setError(null);
              setRefusal(null);
              submit.mutate(proposal.id, {
                onSuccess: () => notifications.show({ color: 'green', message: t.proposals.submitted }),
                onError: (e) => {
                  if (isApiError(e) && e.status === 422 && (e.problem.errors?.length ?? 0) > 0) {
                    setRefusal(
                      (e.problem.errors ?? []).map((x) => ({ code: x.code ?? '', field: x.field, message: x.message })),
                    );
                  } else onError(e);
                },
              });
            }}
          >
            {t.proposals.submit}
          </Button>
        )}
        {proposal.is_coordinator && proposal.status !== 'draft' && (
          <Button
            variant="default"
            loading={reopen.isPending}
            disabled={deadlinePassed}
            onClick={() => {
              if (!window.confirm(t.proposals.reopenConfirm)) return;
              setError(null);
              reopen.mutate(proposal.id, {
                onSuccess: () => notifications.show({ color: 'green', message: t.proposals.reopened }),
                onError,
              });
            }}
          >
            {t.proposals.reopen}
          </Button>
        )}
        {proposal.is_coordinator && proposal.status === 'submitted' && (
          <Button
            color="red"
            variant="light"
            loading={withdraw.isPending}
            disabled={deadlinePassed}
            onClick={() => {
              if (!window.confirm(t.proposals.withdrawConfirm)) return;
              setError(null);
              withdraw.mutate(proposal.id, {
                onSuccess: () => notifications.show({ color: 'green', message: t.proposals.withdrawn }),
                onError,
              });
            }}
          >
            {t.proposals.withdraw}
          </Button>
        )}
        {proposal.status !== 'draft' && proposal.submitted_at && (
          <Button component={Link} to={`/proposals/${proposal.id}/receipt`} variant="light">
            {t.proposals.viewReceipt}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
