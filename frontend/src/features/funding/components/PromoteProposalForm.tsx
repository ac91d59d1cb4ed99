import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { PlanEntry } from '../../../lib/api/types';
import { problemForForm } from '../../../lib/problem';
import { usePromoteProposal } from '../api/promoteProposal';

/**
 * For operators, on a proposal the plan puts on the reserve: move it into funding with a written
 * reason (audited, shown in the plan). Funders may approve it only after this.
 */
export function PromoteProposalForm({ entry, onDone }: { entry: PlanEntry; onDone?: () => void }) {
  const t = useMessages();
  const promote = usePromoteProposal();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string | null>(null);
  const id = `promotion-${entry.proposal_id}`;
  return (
    <form
      noValidate
      aria-label={t.funding.promoteTitle(entry.acronym)}
      onSubmit={(event) => {
        event.preventDefault();
        setGeneral(null);
        if (reason.trim() === '') {
          setError(t.funding.promoteReasonRequired);
          return;
        }
        promote.mutate(
          { proposalId: entry.proposal_id, body: { reason: reason.trim() } },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t.funding.promoted(entry.acronym) });
              onDone?.();
            },
            onError: (failure) => {
              const { fieldErrors, generalMessage } = problemForForm(failure, ['reason'], t);
              setError(fieldErrors.reason);
              setGeneral(generalMessage);
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Alert color="orange" variant="light">
          {t.funding.promoteHint}
        </Alert>
        <FormError message={general} />
        <Textarea
          id={`${id}-reason`}
          label={t.funding.promoteReason}
          withAsterisk
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit" color="orange" loading={promote.isPending}>
            {t.funding.promote}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
