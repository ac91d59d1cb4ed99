import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { errorMessage } from '../../../lib/problem';
import { useSignOutEverywhere } from '../api/signOutEverywhere';

/** "Sign out everywhere": for a lost phone or a shared computer left signed in. */
export function SessionsPanel() {
  const t = useMessages();
  const signOut = useSignOutEverywhere();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={3}>{t.profile.sessionsTitle}</Title>
        <Text size="sm">{t.profile.sessionsHint}</Text>
        <Button variant="default" color="red" onClick={open} style={{ alignSelf: 'flex-start' }}>
          {t.profile.signOutEverywhere}
        </Button>
      </Stack>
      <Modal opened={opened} onClose={close} title={t.profile.signOutEverywhere}>
        <Stack gap="sm">
          <Text size="sm">{t.profile.signOutEverywhereConfirm}</Text>
          <FormError message={signOut.isError ? errorMessage(signOut.error, t) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t.common.cancel}
            </Button>
            <Button color="red" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              {t.profile.signOutEverywhere}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
