import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { User } from '../../../lib/api/types';
import { errorMessage, problemCode } from '../../../lib/problem';
import { useResetSecondFactor } from '../api/resetSecondFactor';

/** An administrator's reset of a lost authenticator, after saying what it does. */
export function ResetSecondFactorModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useMessages();
  const reset = useResetSecondFactor();
  const close = () => {
    reset.reset();
    onClose();
  };
  const failure = reset.isError
    ? problemCode(reset.error) === 'no-second-factor'
      ? t.twoStep.notEnrolled
      : errorMessage(reset.error, t)
    : null;
  return (
    <Modal opened={user !== null} onClose={close} title={t.twoStep.reset}>
      {user && (
        <Stack gap="sm">
          <Text size="sm">{t.twoStep.resetConfirm(user.full_name)}</Text>
          <FormError message={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t.common.cancel}
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              onClick={() =>
                reset.mutate(user.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t.twoStep.resetDone });
                    close();
                  },
                })
              }
            >
              {t.twoStep.reset}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
