import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../features/profile/api/getMe';
import { useAcceptExpertInvitation } from '../../features/reviews/api/acceptExpertInvitation';
import { useMessages, type Messages } from '../../i18n';
import { useSession } from '../../lib/auth/session';
import { errorMessage, isApiError } from '../../lib/problem';
import { PENDING_INVITATION_KEY } from '../pendingInvitation';

function acceptError(error: unknown, t: Messages, myEmail: string | undefined): string {
  if (isApiError(error) && error.status === 403) {
    return myEmail ? t.invitations.otherAddress(myEmail) : t.invitations.otherAddressUnknown;
  }
  if (isApiError(error) && error.status === 422) return t.expertInvitations.invalidToken;
  return errorMessage(error, t);
}

function AcceptExpert({ token }: { token: string }) {
  const t = useMessages();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useAcceptExpertInvitation();
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Text>{t.expertInvitations.intro}</Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button
          loading={accept.isPending}
          onClick={() => {
            setError(null);
            accept.mutate(token, {
              onSuccess: () => {
                window.localStorage.removeItem(PENDING_INVITATION_KEY);
                notifications.show({ color: 'green', message: t.expertInvitations.accepted });
                void navigate('/reviews', { replace: true });
              },
              onError: (e) => setError(acceptError(e, t, me.data?.email)),
            });
          }}
        >
          {t.expertInvitations.accept}
        </Button>
      </Group>
    </Stack>
  );
}

/** /expert-invitations/accept?token=...: the link of the mail inviting an expert to a call's pool. */
export function AcceptExpertInvitationRoute() {
  const t = useMessages();
  const [params] = useSearchParams();
  const location = useLocation();
  const { isSignedIn } = useSession();
  const token = params.get('token')?.trim() ?? '';
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (token && !isSignedIn) window.localStorage.setItem(PENDING_INVITATION_KEY, here);
  }, [token, isSignedIn, here]);

  let body;
  if (!token) {
    body = (
      <Alert color="red" variant="light">
        {t.expertInvitations.missingToken}
      </Alert>
    );
  } else if (!isSignedIn) {
    body = (
      <Stack gap="sm">
        <Text>{t.expertInvitations.signInFirst}</Text>
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
    body = <AcceptExpert token={token} />;
  }
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mx="auto" w="100%">
      <Stack gap="md">
        <Title order={1}>{t.expertInvitations.title}</Title>
        {body}
      </Stack>
    </Paper>
  );
}
