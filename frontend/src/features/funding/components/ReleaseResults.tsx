import { Alert, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { ReleaseResponse } from '../../../lib/api/types';
import { errorMessage } from '../../../lib/problem';
import { instantLine } from '../../../lib/zoned';
import { useReleaseResults } from '../api/releaseResults';
import { problemCode } from '../../../lib/problem';

/**
 * The operator releases the results after confirming. When decisions are pending the server's
 * message is shown with the choice to release them on the reserve list. The release's response
 * (`result`) is kept by the page: the call, decided from then on, no longer offers the release.
 */
export function ReleaseResults({
  callId,
  timeZone,
  result,
  onReleased,
}: {
  callId: string;
  timeZone: string | undefined;
  result: ReleaseResponse | null;
  onReleased: (response: ReleaseResponse) => void;
}) {
  const t = useMessages();
  const [confirm, setConfirm] = useState<null | { allowPending: boolean }>(null);
  const [pendingMessage, setPendingMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const release = useReleaseResults({
    onSuccess: (response) => {
      setConfirm(null);
      setPendingMessage(null);
      onReleased(response);
    },
  });

  const run = (allowPending: boolean) => {
    setError(null);
    release.mutate(
      { callId, allowPending },
      {
        onError: (e) => {
          setConfirm(null);
          if (problemCode(e) === 'decisions-pending') {
            setPendingMessage(errorMessage(e, t));
          } else {
            setError(errorMessage(e, t));
          }
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={2}>{t.funding.releaseTitle}</Title>
      <Text size="sm">{t.funding.releaseHint}</Text>
      <FormError message={error} />
      {pendingMessage && (
        <Alert color="orange" variant="light" role="alert">
          <Stack gap="sm">
            <Text size="sm">{pendingMessage}</Text>
            <Group>
              <Button color="orange" onClick={() => setConfirm({ allowPending: true })}>
                {t.funding.releasePending}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {result ? (
        <Alert color="green" variant="light" role="status">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t.funding.released(result.letters)}
            </Text>
            <Text size="xs">{t.funding.releasedAt(instantLine(result.released_at, timeZone, t))}</Text>
            <List size="sm">
              {result.results.map((r) => (
                <List.Item key={r.proposal_id}>
                  <Link to={`/proposals/${r.proposal_id}/result`}>{r.acronym}</Link>: {t.funding.releasedOutcomes[r.outcome]}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      ) : (
        <Group>
          <Button onClick={() => setConfirm({ allowPending: false })}>{t.funding.release}</Button>
        </Group>
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t.funding.releaseConfirmTitle}>
        <Stack gap="md">
          <Text size="sm">{confirm?.allowPending ? t.funding.releasePendingConfirm : t.funding.releaseConfirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t.common.cancel}
            </Button>
            <Button loading={release.isPending} onClick={() => run(confirm?.allowPending ?? false)}>
              {confirm?.allowPending ? t.funding.releasePending : t.funding.releaseNow}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
