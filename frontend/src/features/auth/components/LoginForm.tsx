import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { useSession } from '../../../lib/auth/session';
import { applyProblemToForm, isEmail } from '../../../lib/forms';
import { isApiError } from '../../../lib/problem';
import { isChallenge, useLogin } from '../api/login';
import { SecondStepForm } from './SecondStepForm';

export function LoginForm({ onSuccess }: { onSuccess?: () => void }) {
  const t = useMessages();
  const { endReason } = useSession();
  const login = useLogin();
  const [general, setGeneral] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (isEmail(value) ? null : t.errors.invalidEmail),
      password: (value) => (value ? null : t.errors.required),
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (answer) => {
          if (isChallenge(answer)) setChallenge(answer.challenge);
          else onSuccess?.();
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 401) {
            form.setErrors({});
            setGeneral(t.auth.wrongCredentials);
          } else {
            setGeneral(applyProblemToForm(form, error, t));
          }
        },
      },
    );
  });

  if (challenge !== null) {
    return (
      <SecondStepForm
        challenge={challenge}
        onSuccess={onSuccess}
        onRestart={() => {
          setChallenge(null);
          form.setFieldValue('password', '');
        }}
      />
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {endReason === 'expired' && !general && (
          <Alert color="orange" variant="light">
            {t.errors.sessionExpired}
          </Alert>
        )}
        <FormError message={general} />
        <TextInput
          label={t.auth.email}
          type="email"
          autoComplete="username"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t.auth.password}
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Group justify="space-between" mt="xs">
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t.auth.forgotPasswordLink}
          </Anchor>
          <Button type="submit" loading={login.isPending}>
            {t.auth.loginSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
