import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Invitation, Proposal } from '../../../lib/api/types';
import { formatDate } from '../../../lib/format';
import { isEmail } from '../../../lib/forms';
import { errorMessage, isApiError } from '../../../lib/problem';
import { useInvitations } from '../api/invitations';
import { useInvitePartner } from '../api/invitePartner';
import { useHandOverCoordination } from '../api/handOverCoordination';
import { useRemovePartner } from '../api/removePartner';
import { ActionsHeader } from '../../../components/ActionsHeader';

function InviteForm({ proposalId }: { proposalId: string }) {
  const t = useMessages();
  const invite = useInvitePartner();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const address = email.trim();
        if (!isEmail(address)) {
          setError(t.errors.invalidEmail);
          return;
        }
        setError(null);
        invite.mutate(
          { id: proposalId, email: address },
          {
            onSuccess: () => {
              setEmail('');
              notifications.show({ color: 'green', message: t.proposals.invited(address) });
            },
            onError: (e) => setError(errorMessage(e, t)),
          },
        );
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          type="email"
          label={t.proposals.inviteEmail}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error}
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={invite.isPending}>
          {t.proposals.inviteSubmit}
        </Button>
      </Group>
    </form>
  );
}

function invitationState(inv: Invitation, t: ReturnType<typeof useMessages>, now = Date.now()) {
  if (inv.accepted_at) return <Badge color="green" variant="light">{t.proposals.invitationAccepted}</Badge>;
  if (Date.parse(inv.expires_at) < now) return <Badge color="gray" variant="light">{t.proposals.invitationExpired}</Badge>;
  return <Badge color="blue" variant="light">{t.proposals.invitationPending}</Badge>;
}

function InvitationsList({ proposalId }: { proposalId: string }) {
  const t = useMessages();
  const invitations = useInvitations(proposalId, true);
  if (invitations.isPending) return null;
  if (invitations.isError) return <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  if (invitations.data.length === 0) return <EmptyState>{t.proposals.invitationsEmpty}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.auth.email}</Table.Th>
            <Table.Th>{t.proposals.invitationSent}</Table.Th>
            <Table.Th>{t.proposals.invitationExpires}</Table.Th>
            <Table.Th>{t.proposals.status}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.map((inv) => (
            <Table.Tr key={inv.id}>
              <Table.Td>{inv.email}</Table.Td>
              <Table.Td>{formatDate(inv.created_at, t.format.locale)}</Table.Td>
              <Table.Td>{formatDate(inv.expires_at, t.format.locale)}</Table.Td>
              <Table.Td>{invitationState(inv, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Partners with role, organisation, funder and contacts; the coordinator invites and removes. */
export function ConsortiumPanel({ proposal, editable }: { proposal: Proposal; editable: boolean }) {
  const t = useMessages();
  const remove = useRemovePartner();
  const handOver = useHandOverCoordination();
  const [error, setError] = useState<string | null>(null);
  const canManage = proposal.is_coordinator && editable;

  return (
    <Stack gap="md">
      <FormError message={error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.organisations.name}</Table.Th>
              <Table.Th>{t.proposals.role}</Table.Th>
              <Table.Th>{t.proposals.funder}</Table.Th>
              <Table.Th>{t.proposals.contacts}</Table.Th>
              {canManage && <ActionsHeader />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposal.partners.map((partner) => (
              <Table.Tr key={partner.id}>
                <Table.Td>
                  <Text fw={500}>{partner.organisation.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t.organisations.kinds[partner.organisation.kind]} · {partner.organisation.country}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant={partner.role === 'coordinator' ? 'filled' : 'light'}>
                    {t.proposals.roles[partner.role]}
                  </Badge>
                </Table.Td>
                <Table.Td>{partner.funder ?? t.common.none}</Table.Td>
                <Table.Td>
                  {partner.contacts.map((c) => (
                    <Group gap={6} key={c.user_id} wrap="wrap">
                      <Text size="sm">
                        {c.full_name} &lt;{c.email}&gt;
                      </Text>
                      {c.user_id === proposal.coordinator_user_id && (
                        <Badge size="xs" variant="filled">
                          {t.proposals.coordinatorOfProposal}
                        </Badge>
                      )}
                      {proposal.is_coordinator && partner.role === 'coordinator' && c.user_id !== proposal.coordinator_user_id && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={t.proposals.handOverLabel(c.full_name)}
                          loading={handOver.isPending && handOver.variables?.userId === c.user_id}
                          onClick={() => {
                            if (!window.confirm(t.proposals.handOverConfirm(c.full_name))) return;
                            setError(null);
                            handOver.mutate(
                              { id: proposal.id, userId: c.user_id, version: proposal.version },
                              {
                                onSuccess: () => notifications.show({ color: 'green', message: t.proposals.handedOver(c.full_name) }),
                                onError: (e) =>
                                  setError(isApiError(e) && e.status === 412 ? t.proposals.conflict : errorMessage(e, t)),
                              },
                            );
                          }}
                        >
                          {t.proposals.handOver}
                        </Button>
                      )}
                    </Group>
                  ))}
                  {proposal.my_partner_ids.includes(partner.id) && (
                    <Badge size="xs" variant="outline">
                      {t.proposals.you}
                    </Badge>
                  )}
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    {partner.role !== 'coordinator' && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        loading={remove.isPending && remove.variables?.partnerId === partner.id}
                        onClick={() => {
                          if (!window.confirm(t.proposals.removePartnerConfirm(partner.organisation.name))) return;
                          setError(null);
                          remove.mutate(
                            { id: proposal.id, partnerId: partner.id, version: proposal.version },
                            {
                              onSuccess: () => notifications.show({ color: 'green', message: t.proposals.partnerRemoved }),
                              onError: (e) =>
                                setError(
                                  isApiError(e) && e.status === 412 ? t.proposals.conflict : errorMessage(e, t),
                                ),
                            },
                          );
                        }}
                      >
                        {t.proposals.removePartner}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {proposal.is_coordinator && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            {canManage && (
              <>
                <Title order={3} size="h4">{t.proposals.inviteTitle}</Title>
                <InviteForm proposalId={proposal.id} />
              </>
            )}
            <Title order={3} size="h4">{t.proposals.invitationsTitle}</Title>
            <InvitationsList proposalId={proposal.id} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
