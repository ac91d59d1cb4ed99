import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { RoleBadges } from '../../../components/RoleBadges';
import { useMessages } from '../../../i18n';
import type { User } from '../../../lib/api/types';
import { formatDate } from '../../../lib/format';
import { errorMessage } from '../../../lib/problem';
import { useResendVerification } from '../api/resendVerification';

function NotVerifiedNotice() {
  const t = useMessages();
  const resend = useResendVerification();
  return (
    <Alert color="yellow" variant="light">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {resend.isSuccess
            ? t.profile.verificationSent
            : resend.isError
              ? errorMessage(resend.error, t)
              : t.profile.notVerifiedHint}
        </Text>
        {!resend.isSuccess && (
          <Button size="xs" variant="white" color="yellow" loading={resend.isPending} onClick={() => resend.mutate()}>
            {t.profile.resendVerification}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function ProfileDetails({ user }: { user: User }) {
  const t = useMessages();
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={3}>{t.profile.details}</Title>
        {!user.email_verified && <NotVerifiedNotice />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Field label={t.auth.fullName}>
            <Text>{user.full_name}</Text>
          </Field>
          <Field label={t.auth.email}>
            <Text>{user.email}</Text>
          </Field>
          <Field label={t.profile.roles}>
            <RoleBadges roles={user.roles} />
          </Field>
          <Field label={t.profile.agency}>
            <Text>{user.agency ?? t.common.none}</Text>
          </Field>
          <Field label={t.profile.emailVerified}>
            <Badge color={user.email_verified ? 'green' : 'yellow'} variant="light">
              {user.email_verified ? t.common.yes : t.common.no}
            </Badge>
          </Field>
          <Field label={t.profile.memberSince}>
            <Text>{formatDate(user.created_at)}</Text>
          </Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
