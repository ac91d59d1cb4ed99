import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm, isEmail } from '../../../lib/forms';
import { useRegister } from '../api/register';

export function RegisterForm() {
  const t = useMessages();
  const register = useRegister();
  const [general, setGeneral] = useState<string | null>(null);
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { full_name: '', email: '', password: '' },
    validate: {
      full_name: (value) => (value.trim() ? null : t.errors.required),
      email: (value) => (isEmail(value) ? null : t.errors.invalidEmail),
      password: (value) => (value ? null : t.errors.required),
    },
  });

  if (registeredEmail) {
    return (
      <Alert color="green" variant="light" title={t.auth.registeredTitle}>
        {t.auth.registeredBody(registeredEmail)}
      </Alert>
    );
  }

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    const body = { full_name: values.full_name.trim(), email: values.email.trim(), password: values.password };
    register.mutate(body, {
      onSuccess: () => setRegisteredEmail(body.email),
      onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
    });
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={general} />
        <TextInput
          label={t.auth.fullName}
          autoComplete="name"
          required
          key={form.key('full_name')}
          {...form.getInputProps('full_name')}
        />
        <TextInput
          label={t.auth.email}
          type="email"
          autoComplete="email"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t.auth.password}
          description={t.auth.passwordHint}
          autoComplete="new-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={register.isPending} mt="xs">
          {t.auth.registerSubmit}
        </Button>
      </Stack>
    </form>
  );
}
