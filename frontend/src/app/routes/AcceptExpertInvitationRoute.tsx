import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../lib/auth/me';
import { useAcceptExpertInvitation } from '../../features/reviews/api/acceptExpertInvitation';
import { useMessages } from '../../i18n';
import { AcceptPanel, InvitationPage, acceptErrorMessage } from '../InvitationPage';
import { forgetPendingInvitation } from '../pendingInvitation';

/** Joins the call's expert pool (and gets the reviewer role). */
function AcceptExpert({ token }: { token: string }) {
  const t = useMessages();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useAcceptExpertInvitation();
  const [error, setError] = useState<string | null>(null);
  return (
    <AcceptPanel
      intro={t.expertInvitations.intro}
      error={error}
      accept={t.expertInvitations.accept}
      loading={accept.isPending}
      onAccept={() => {
        setError(null);
        accept.mutate(token, {
          onSuccess: () => {
            forgetPendingInvitation();
            notifications.show({ color: 'green', message: t.expertInvitations.accepted });
            void navigate('/reviews', { replace: true });
          },
          onError: (e) => setError(acceptErrorMessage(e, t, me.data?.email, t.expertInvitations.invalidToken)),
        });
      }}
    />
  );
}

/** /expert-invitations/accept?token=...: the link of the mail inviting an expert to a call's pool. */
export function AcceptExpertInvitationRoute() {
  const t = useMessages();
  return (
    <InvitationPage
      title={t.expertInvitations.title}
      missingToken={t.expertInvitations.missingToken}
      signInFirst={t.expertInvitations.signInFirst}
    >
      {(token) => <AcceptExpert token={token} />}
    </InvitationPage>
  );
}
