import { Alert, Anchor, Group, Loader, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n';
import { errorMessage } from '../../../lib/problem';
import { useVerifyEmail } from '../api/verifyEmail';

/** Confirms the address with the token from the link; runs once per token. */
export function VerifyEmail({ token }: { token: string | null }) {
  const t = useMessages();
  const verify = useVerifyEmail();
  const sentFor = useRef<string | null>(null);
  const { mutate } = verify;

  useEffect(() => {
    // The token is single-use: never send it twice (StrictMode runs effects twice).
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    mutate(token);
  }, [token, mutate]);

  if (!token) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t.auth.verifyMissingToken}
      </Alert>
    );
  }
  if (verify.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        {errorMessage(verify.error, t)}
      </Alert>
    );
  }
  if (verify.isSuccess) {
    return (
      <Alert color="green" variant="light">
        <Text size="sm">{t.auth.verified}</Text>
        <Anchor component={Link} to="/login" size="sm">
          {t.nav.signIn}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>{t.auth.verifying}</Text>
    </Group>
  );
}
