import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm, isEmail } from '../../../lib/forms';
import { useRequestPasswordReset } from '../api/requestPasswordReset';

export function ForgotPasswordForm() {
  const t = useMessages();
  const request = useRequestPasswordReset();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: (value) => (isEmail(value) ? null : t.errors.invalidEmail) },
  });

  if (request.isSuccess) {
    return (
      <Alert color="green" variant="light">
        {t.auth.forgotSent}
      </Alert>
    );
  }

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    request.mutate(values.email.trim(), {
      onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
    });
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t.auth.forgotIntro}
        </Text>
        <FormError message={general} />
        <TextInput
          label={t.auth.email}
          type="email"
          autoComplete="email"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <Button type="submit" loading={request.isPending}>
          {t.auth.forgotSubmit}
        </Button>
      </Stack>
    </form>
  );
}
