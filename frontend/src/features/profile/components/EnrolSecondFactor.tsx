import { Button, Code, Image, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { EnrolmentStart } from '../../../lib/api/types';
import { applyProblemToForm } from '../../../lib/forms';
import { useBeginEnrolment, useConfirmEnrolment } from '../api/secondFactor';
import { RecoveryCodes } from './RecoveryCodes';

/** The `otpauth://` link drawn as a QR code (a data URL), once drawn. */
function useQrCode(link: string): string | null {
  const [image, setImage] = useState<{ link: string; url: string } | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(link, { margin: 1, width: 200 }).then((url) => {
      if (current) setImage({ link, url });
    });
    return () => {
      current = false;
    };
  }, [link]);
  return image?.link === link ? image.url : null;
}

function PasswordStep({ onStarted }: { onStarted: (start: EnrolmentStart) => void }) {
  const t = useMessages();
  const begin = useBeginEnrolment();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t.errors.required) },
  });
  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    begin.mutate(values.password, {
      onSuccess: onStarted,
      onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
    });
  });
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t.twoStep.passwordStep}</Text>
        <FormError message={general} />
        <PasswordInput
          label={t.auth.password}
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={begin.isPending} style={{ alignSelf: 'flex-start' }}>
          {t.twoStep.begin}
        </Button>
      </Stack>
    </form>
  );
}

function ScanStep({ start, onConfirmed }: { start: EnrolmentStart; onConfirmed: (codes: string[]) => void }) {
  const t = useMessages();
  const confirm = useConfirmEnrolment();
  const qr = useQrCode(start.otpauth_url);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: { code: (value) => (/^\s*\d{3}\s?\d{3}\s*$/.test(value) ? null : t.twoStep.wrongCode) },
  });
  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    confirm.mutate(values.code.replace(/\s/g, ''), {
      onSuccess: (answer) => onConfirmed(answer.recovery_codes),
      onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
    });
  });
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t.twoStep.scanStep}</Text>
        {qr && <Image src={qr} alt={t.twoStep.qrAlt} w={200} h={200} />}
        <Text size="sm">
          {t.twoStep.cannotScan} <Code data-testid="totp-secret">{start.secret}</Code>
        </Text>
        <FormError message={general} />
        <TextInput
          label={t.twoStep.code}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={200}
          key={form.key('code')}
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={confirm.isPending} style={{ alignSelf: 'flex-start' }}>
          {t.twoStep.confirm}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * Enrolling an authenticator app: the password, then the QR code and the
 * app's first code, then the recovery codes (shown once). `onDone` runs
 * when the person says they kept the codes.
 */
export function EnrolSecondFactor({
  required,
  onStart,
  onDone,
}: {
  required: boolean;
  /** When the enrolment begins (the status changes before the codes are shown). */
  onStart?: () => void;
  onDone: () => void;
}) {
  const t = useMessages();
  const [start, setStart] = useState<EnrolmentStart | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Text size="sm">{required ? t.twoStep.requiredIntro : t.twoStep.optionalIntro}</Text>
        {start ? <ScanStep start={start} onConfirmed={setCodes} /> : <PasswordStep
            onStarted={(started) => {
              onStart?.();
              setStart(started);
            }}
          />}
      </Stack>
    </Paper>
  );
}
