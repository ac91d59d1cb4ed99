import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAcceptInvitation } from '../../features/proposals/api/acceptInvitation';
import { OrganisationPicker } from '../../features/proposals/components/OrganisationPicker';
import { useMe } from '../../features/profile/api/getMe';
import { useMessages, type Messages } from '../../i18n';
import { useSession } from '../../lib/auth/session';
import { errorMessage, isApiError } from '../../lib/problem';
import { PENDING_INVITATION_KEY } from '../pendingInvitation';

export const INVITATION_FOR_ANOTHER_ADDRESS = 'invitation-for-another-address';

/** A readable message for a refused acceptance. */
export function acceptErrorMessage(error: unknown, t: Messages, myEmail: string | undefined): string {
  if (isApiError(error) && error.status === 403) {
    if (error.problem.type?.endsWith(INVITATION_FOR_ANOTHER_ADDRESS) ?? true) {
      return myEmail ? t.invitations.otherAddress(myEmail) : t.invitations.otherAddressUnknown;
    }
  }
  if (isApiError(error) && error.status === 422 && !(error.problem.errors ?? []).some((e) => e.field === 'organisation_id')) {
    return t.invitations.invalidToken;
  }
  return errorMessage(error, t);
}

function AcceptForm({ token }: { token: string }) {
  const t = useMessages();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useAcceptInvitation();
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Text>{t.invitations.intro}</Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <OrganisationPicker value={organisationId} onChange={setOrganisationId} error={pickError} />
      <Group>
        <Button
          loading={accept.isPending}
          onClick={() => {
            if (!organisationId) {
              setPickError(t.errors.required);
              return;
            }
            setPickError(null);
            setError(null);
            accept.mutate(
              { token, organisation_id: organisationId },
              {
                onSuccess: (proposal) => {
                  window.localStorage.removeItem(PENDING_INVITATION_KEY);
                  notifications.show({ color: 'green', message: t.invitations.accepted });
                  void navigate(`/proposals/${proposal.id}`, { replace: true });
                },
                onError: (e) => setError(acceptErrorMessage(e, t, me.data?.email)),
              },
            );
          }}
        >
          {t.invitations.accept}
        </Button>
      </Group>
    </Stack>
  );
}

/** /invitations/accept?token=...: the link of the invitation mail. */
export function AcceptInvitationRoute() {
  const t = useMessages();
  const [params] = useSearchParams();
  const location = useLocation();
  const { isSignedIn } = useSession();
  const token = params.get('token')?.trim() ?? '';
  const here = `${location.pathname}${location.search}`;
  // Remember the link so signing in later (e.g. after registering and verifying) comes back here.
  useEffect(() => {
    if (token && !isSignedIn) window.localStorage.setItem(PENDING_INVITATION_KEY, here);
  }, [token, isSignedIn, here]);

  let body;
  if (!token) {
    body = <Alert color="red" variant="light">{t.invitations.missingToken}</Alert>;
  } else if (!isSignedIn) {
    body = (
      <Stack gap="sm">
        <Text>{t.invitations.signInFirst}</Text>
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
    body = <AcceptForm token={token} />;
  }
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mx="auto" w="100%">
      <Stack gap="md">
        <Title order={1}>{t.invitations.title}</Title>
        {body}
      </Stack>
    </Paper>
  );
}
