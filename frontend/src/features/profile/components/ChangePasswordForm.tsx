import { Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { useChangePassword } from '../api/changePassword';

export function ChangePasswordForm() {
  const t = useMessages();
  const change = useChangePassword();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { current_password: '', new_password: '', confirm_password: '' },
    validate: {
      current_password: (value) => (value ? null : t.errors.required),
      new_password: (value) => (value ? null : t.errors.required),
      confirm_password: (value, values) => (value === values.new_password ? null : t.errors.passwordsDiffer),
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'green', message: t.profile.passwordChanged });
        },
        onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t.profile.changePasswordTitle}</Title>
          <FormError message={general} />
          <PasswordInput
            label={t.auth.currentPassword}
            autoComplete="current-password"
            required
            key={form.key('current_password')}
            {...form.getInputProps('current_password')}
          />
          <PasswordInput
            label={t.auth.newPassword}
            description={t.auth.passwordHint}
            autoComplete="new-password"
            required
            key={form.key('new_password')}
            {...form.getInputProps('new_password')}
          />
          <PasswordInput
            label={t.auth.confirmPassword}
            autoComplete="new-password"
            required
            key={form.key('confirm_password')}
            {...form.getInputProps('confirm_password')}
          />
          <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
            {t.profile.changePasswordSubmit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
