import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { Messages } from '../i18n';
import { useMessages } from '../i18n';
import { useSession } from '../lib/auth/session';
import { errorMessage, isApiError, problemCode, type ProblemCode } from '../lib/problem';
import { rememberPendingInvitation } from './pendingInvitation';

export const INVITATION_FOR_ANOTHER_ADDRESS: ProblemCode = 'invitation-for-another-address';

/**
 * A readable message for a refused acceptance (of a consortium's or an expert pool's invitation):
 * a 403 for another address names the signed-in one; a 422 about the token (not about a field of
 * the form, like `organisation_id`) says the link is used or expired.
 */
export function acceptErrorMessage(
  error: unknown,
  t: Messages,
  myEmail: string | undefined,
  invalidToken: string = t.invitations.invalidToken,
): string {
  if (isApiError(error) && error.status === 403) {
    const code = problemCode(error);
    if (code === null || code === INVITATION_FOR_ANOTHER_ADDRESS) {
      return myEmail ? t.invitations.otherAddress(myEmail) : t.invitations.otherAddressUnknown;
    }
  }
  if (isApiError(error) && error.status === 422 && !(error.problem.errors ?? []).some((e) => e.field === 'organisation_id')) {
    return invalidToken;
  }
  return errorMessage(error, t);
}

/**
 * The page an invitation mail links to (`...?token=...`): without a token it says so; signed out
 * it remembers the link (so that signing in, even after registering, comes back) and offers to
 * sign in or register; signed in it shows `children(token)`, the acceptance.
 */
export function InvitationPage({
  title,
  missingToken,
  signInFirst,
  children,
}: {
  title: string;
  missingToken: string;
  signInFirst: string;
  children: (token: string) => ReactNode;
}) {
  const t = useMessages();
  const [params] = useSearchParams();
  const location = useLocation();
  const { isSignedIn } = useSession();
  const token = params.get('token')?.trim() ?? '';
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (token && !isSignedIn) rememberPendingInvitation(here);
  }, [token, isSignedIn, here]);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light">
        {missingToken}
      </Alert>
    );
  } else if (!isSignedIn) {
    body = (
      <Stack gap="sm">
        <Text>{signInFirst}</Text>
        <Group>
          <Button component={Link} to="/login" state={{ from: here }}>
            {t.invitations.signIn}
          </Button>
          <Anchor component={Link} to="/register">
            {t.invitations.register}
          </Anchor>
        </Group>
      </Stack>
    );
  } else {
    body = children(token);
  }
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mx="auto" w="100%">
      <Stack gap="md">
        <Title order={1}>{title}</Title>
        {body}
      </Stack>
    </Paper>
  );
}

/** The signed-in part: what accepting means, the refusal if any, what to choose, and the button. */
export function AcceptPanel({
  intro,
  error,
  accept,
  loading,
  onAccept,
  children,
}: {
  intro: string;
  error: string | null;
  accept: string;
  loading: boolean;
  onAccept: () => void;
  children?: ReactNode;
}) {
  return (
    <Stack gap="md">
      <Text>{intro}</Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {children}
      <Group>
        <Button loading={loading} onClick={onAccept}>
          {accept}
        </Button>
      </Group>
    </Stack>
  );
}
