import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAcceptInvitation } from '../../features/proposals/api/acceptInvitation';
import { OrganisationPicker } from '../../features/proposals/components/OrganisationPicker';
import { useMe } from '../../lib/auth/me';
import { useMessages } from '../../i18n';
import { AcceptPanel, InvitationPage, acceptErrorMessage } from '../InvitationPage';
import { forgetPendingInvitation } from '../pendingInvitation';

/** Joins the consortium for one of the caller's organisations (or one registered here and then). */
function AcceptForm({ token }: { token: string }) {
  const t = useMessages();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useAcceptInvitation();
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <AcceptPanel
      intro={t.invitations.intro}
      error={error}
      accept={t.invitations.accept}
      loading={accept.isPending}
      onAccept={() => {
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
              forgetPendingInvitation();
              notifications.show({ color: 'green', message: t.invitations.accepted });
              void navigate(`/proposals/${proposal.id}`, { replace: true });
            },
            onError: (e) => setError(acceptErrorMessage(e, t, me.data?.email)),
          },
        );
      }}
    >
      <OrganisationPicker value={organisationId} onChange={setOrganisationId} error={pickError} />
    </AcceptPanel>
  );
}

/** /invitations/accept?token=...: the link of the invitation mail. */
export function AcceptInvitationRoute() {
  const t = useMessages();
  return (
    <InvitationPage title={t.invitations.title} missingToken={t.invitations.missingToken} signInFirst={t.invitations.signInFirst}>
      {(token) => <AcceptForm token={token} />}
    </InvitationPage>
  );
}
