import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useMessages } from '../../../i18n';
import type { Call, CallStatus } from '../../../lib/api/types';
import { errorMessage, isApiError } from '../../../lib/problem';
import { useTransitionCall } from '../api/transitionCall';
import { describeField } from '../fieldPaths';
import { nextStatus } from '../status';

interface Refusal {
  /** Set for a 422: every reason the call cannot open, readable. */
  reasons: string[];
  /** Set otherwise (409 wrong order / too early to close, ...). */
  message: string | null;
}

/** The button that moves a call to its next status, after a confirmation. */
export function CallTransitionButton({ call }: { call: Call }) {
  const t = useMessages();
  const transition = useTransitionCall();
  // The status being confirmed: kept while the dialog fades out, when `call` has moved on already.
  const [confirming, setConfirming] = useState<Exclude<CallStatus, 'draft'> | null>(null);
  const [shown, setShown] = useState<Exclude<CallStatus, 'draft'> | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const next = nextStatus(call.status);
  if (!next) return null;

  const confirm = (to: Exclude<CallStatus, 'draft'>) => {
    setRefusal(null);
    transition.mutate(
      { id: call.id, to },
      {
        onSuccess: () => {
          setConfirming(null);
          notifications.show({ color: 'green', message: t.calls.transitioned[to] });
        },
        onError: (error) => {
          setConfirming(null);
          const entries = isApiError(error) && error.status === 422 ? (error.problem.errors ?? []) : [];
          if (entries.length > 0) {
            setRefusal({
              reasons: entries.map((e) => {
                const label = describeField(e.field, t);
                return label ? `${label}: ${e.message}` : e.message;
              }),
              message: null,
            });
          } else {
            setRefusal({ reasons: [], message: errorMessage(error, t) });
          }
        },
      },
    );
  };

  return (
    <>
      <Button
        onClick={() => {
          setConfirming(next);
          setShown(next);
        }}
        color={next === 'open' ? 'green' : undefined}
      >
        {t.calls.transition[next]}
      </Button>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={shown ? t.calls.confirmTitle[shown] : ''}
      >
        {shown && (
          <Stack gap="md">
            <Text size="sm">{t.calls.confirmBody[shown]}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t.common.cancel}
              </Button>
              <Button onClick={() => confirm(shown)} loading={transition.isPending} data-autofocus>
                {t.calls.transition[shown]}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {refusal && (
        <TransitionRefusal refusal={refusal} onClose={() => setRefusal(null)} />
      )}
    </>
  );
}

function TransitionRefusal({ refusal, onClose }: { refusal: Refusal; onClose: () => void }) {
  const t = useMessages();
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={refusal.reasons.length > 0 ? t.calls.cannotOpen : undefined}
      withCloseButton
      closeButtonLabel={t.common.close}
      onClose={onClose}
      style={{ flexBasis: '100%' }}
    >
      {refusal.reasons.length > 0 ? (
        <List size="sm" spacing={2}>
          {refusal.reasons.map((reason, i) => (
            <List.Item key={i}>{reason}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{refusal.message}</Text>
      )}
    </Alert>
  );
}
