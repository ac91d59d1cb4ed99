import { Badge, Button, Group, Modal, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { TWO_STEP_PATH } from '../api/secondFactor';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { useRemoveSecondFactor, useRenewRecoveryCodes, useSecondFactor } from '../api/secondFactor';
import { RecoveryCodes } from './RecoveryCodes';

/** The password and a current code, as renewing codes and turning off both ask. */
function PasswordAndCodeForm({
  submitLabel,
  danger,
  pending,
  onSubmit,
}: {
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  onSubmit: (values: { password: string; code: string }, fail: (error: unknown) => void) => void;
}) {
  const t = useMessages();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '', code: '' },
    validate: {
      password: (value) => (value ? null : t.errors.required),
      code: (value) => (value.trim() ? null : t.errors.required),
    },
  });
  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    onSubmit({ password: values.password, code: values.code.trim() }, (error) =>
      setGeneral(applyProblemToForm(form, error, t)),
    );
  });
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={general} />
        <PasswordInput
          label={t.auth.password}
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <TextInput
          label={t.twoStep.code}
          description={t.twoStep.codeHint}
          autoComplete="one-time-code"
          required
          key={form.key('code')}
          {...form.getInputProps('code')}
        />
        <Group justify="flex-end">
          <Button type="submit" color={danger ? 'red' : undefined} loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Two-step sign-in on the profile: its state, new recovery codes, turning it off. */
export function SecondFactorPanel() {
  const t = useMessages();
  const status = useSecondFactor();
  const renew = useRenewRecoveryCodes();
  const remove = useRemoveSecondFactor();
  const [renewOpened, renewModal] = useDisclosure(false);
  const [removeOpened, removeModal] = useDisclosure(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  if (!status.data) return null;
  const { enrolled, required, recovery_codes_left } = status.data;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3}>{t.twoStep.panelTitle}</Title>
          <Badge color={enrolled ? 'green' : 'gray'} variant="light">
            {enrolled ? t.twoStep.on : t.twoStep.off}
          </Badge>
          {required && (
            <Badge color="blue" variant="outline">
              {t.twoStep.requiredBadge}
            </Badge>
          )}
        </Group>
        {enrolled ? (
          <>
            <Text size="sm">{t.twoStep.codesLeft(recovery_codes_left)}</Text>
            <Group gap="sm">
              <Button variant="default" onClick={renewModal.open}>
                {t.twoStep.renewCodes}
              </Button>
              {!required && (
                <Button variant="default" color="red" onClick={removeModal.open}>
                  {t.twoStep.turnOff}
                </Button>
              )}
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t.twoStep.optionalIntro}</Text>
            <Button component={Link} to={TWO_STEP_PATH} style={{ alignSelf: 'flex-start' }}>
              {t.twoStep.setUp}
            </Button>
          </>
        )}
      </Stack>
      <Modal
        opened={renewOpened}
        onClose={() => {
          setCodes(null);
          renewModal.close();
        }}
        title={t.twoStep.renewCodes}
      >
        {codes ? (
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(null);
              renewModal.close();
            }}
          />
        ) : (
          <Stack gap="sm">
            <Text size="sm">{t.twoStep.renewHint}</Text>
            <PasswordAndCodeForm
              submitLabel={t.twoStep.renewCodes}
              pending={renew.isPending}
              onSubmit={(values, fail) =>
                renew.mutate(values, { onSuccess: (answer) => setCodes(answer.recovery_codes), onError: fail })
              }
            />
          </Stack>
        )}
      </Modal>
      <Modal opened={removeOpened} onClose={removeModal.close} title={t.twoStep.turnOff}>
        <Stack gap="sm">
          <Text size="sm">{t.twoStep.turnOffHint}</Text>
          <PasswordAndCodeForm
            submitLabel={t.twoStep.turnOff}
            danger
            pending={remove.isPending}
            onSubmit={(values, fail) =>
              remove.mutate(values, {
                onSuccess: () => {
                  removeModal.close();
                  notifications.show({ color: 'green', message: t.twoStep.turnedOff });
                },
                onError: fail,
              })
            }
          />
        </Stack>
      </Modal>
    </Paper>
  );
}
