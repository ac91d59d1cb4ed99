import { Button, Group, Paper, Radio, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { Language, User } from '../../../lib/api/types';
import { applyProblemToForm } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { meQueryKey } from '../../../lib/auth/me';
import { useUpdateMe } from '../api/updateMe';

const LANGUAGES: readonly Language[] = ['en', 'fr', 'de'];

/** The name and the language of one's letters (decision letters are written in it). */
export function ProfileForm({ user }: { user: User }) {
  const t = useMessages();
  const update = useUpdateMe();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { full_name: user.full_name, language: user.language },
    validate: { full_name: (value) => (value.trim() ? null : t.errors.required) },
  });

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    update.mutate(
      { version: user.version, body: { full_name: values.full_name, language: values.language } },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t.profile.saved }),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            // Changed in another tab: show the current account, keep what was typed.
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
            setGeneral(t.profile.staleAccount);
            return;
          }
          setGeneral(applyProblemToForm(form, error, t));
        },
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t.profile.editTitle}</Title>
          <FormError message={general} />
          <TextInput
            label={t.auth.fullName}
            autoComplete="name"
            required
            key={form.key('full_name')}
            {...form.getInputProps('full_name')}
          />
          <Radio.Group
            label={t.profile.language}
            description={t.profile.languageHint}
            key={form.key('language')}
            {...form.getInputProps('language')}
          >
            <Group gap="lg" mt={6}>
              {LANGUAGES.map((value) => (
                <Radio key={value} value={value} label={t.profile.languages[value]} />
              ))}
            </Group>
          </Radio.Group>
          <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
            {t.profile.save}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
