import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { problemCode } from '../../../lib/problem';
import { useCompleteSignIn } from '../api/login';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondStepForm({
  challenge,
  onSuccess,
  onRestart,
}: {
  challenge: string;
  onSuccess?: () => void;
  onRestart: () => void;
}) {
  const t = useMessages();
  const complete = useCompleteSignIn();
  const [general, setGeneral] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: { code: (value) => (value.trim() ? null : t.errors.required) },
  });

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    complete.mutate(
      { challenge, code: values.code.trim() },
      {
        onSuccess: () => onSuccess?.(),
        onError: (error) => {
          const code = problemCode(error);
          if (code === 'wrong-code') {
            form.setFieldValue('code', '');
            form.setErrors({ code: t.twoStep.wrongCode });
          } else if (code === 'sign-in-expired') {
            setExpired(true);
            setGeneral(t.twoStep.signInExpired);
          } else {
            setGeneral(applyProblemToForm(form, error, t));
          }
        },
      },
    );
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t.twoStep.signInCodeIntro}</Text>
        <FormError message={general} />
        <TextInput
          label={t.twoStep.code}
          description={t.twoStep.codeHint}
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          disabled={expired}
          key={form.key('code')}
          {...form.getInputProps('code')}
        />
        <Group justify="space-between" mt="xs">
          <Anchor component="button" type="button" size="sm" onClick={onRestart}>
            {t.twoStep.startAgain}
          </Anchor>
          <Button type="submit" loading={complete.isPending} disabled={expired}>
            {t.twoStep.signInCodeSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
