import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { useConfirmPasswordReset } from '../api/confirmPasswordReset';

export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useMessages();
  const confirm = useConfirmPasswordReset();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { new_password: '', confirm_password: '' },
    validate: {
      new_password: (value) => (value ? null : t.errors.required),
      confirm_password: (value, values) => (value === values.new_password ? null : t.errors.passwordsDiffer),
    },
  });

  if (!token) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t.auth.resetMissingToken}{' '}
        <Anchor component={Link} to="/forgot-password" size="sm">
          {t.auth.forgotPasswordLink}
        </Anchor>
      </Alert>
    );
  }

  if (confirm.isSuccess) {
    return (
      <Alert color="green" variant="light">
        <Text size="sm">{t.auth.resetDone}</Text>
        <Anchor component={Link} to="/login" size="sm">
          {t.nav.signIn}
        </Anchor>
      </Alert>
    );
  }

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    confirm.mutate(
      { token, new_password: values.new_password },
      { onError: (error) => setGeneral(applyProblemToForm(form, error, t)) },
    );
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={general} />
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
        <Button type="submit" loading={confirm.isPending}>
          {t.auth.resetSubmit}
        </Button>
      </Stack>
    </form>
  );
}
