import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { AssignmentDetail, Expert } from '../../../lib/api/types';
import { errorMessage } from '../../../lib/problem';
import { AssignmentStatusBadge, ReviewStatusBadge } from '../../../components/AssignmentBadges';
import { useAssignExpert } from '../api/assignExpert';
import { useProposalAssignments } from '../api/getProposalAssignments';
import { useNameRapporteur } from '../api/nameRapporteur';
import { useRemoveAssignment } from '../api/removeAssignment';
import { ActionsHeader } from '../../../components/ActionsHeader';

const isActive = (a: AssignmentDetail) => a.assignment.status === 'assigned' || a.assignment.status === 'cleared';

/** The accepted experts who are not on the proposal now (a declined or removed one may come back). */
export function assignableExperts(experts: readonly Expert[], assignments: readonly AssignmentDetail[]): Expert[] {
  const busy = new Set(assignments.filter(isActive).map((a) => a.assignment.expert_id));
  return experts.filter((e) => e.status === 'accepted' && !busy.has(e.id));
}

/**
 * One proposal's experts: status, review, declared conflict, rapporteur;
 * assign by hand, take off, name the rapporteur.
 */
export function ProposalAssignments({
  proposalId,
  acronym,
  experts,
}: {
  proposalId: string;
  acronym: string;
  experts: readonly Expert[];
}) {
  const t = useMessages();
  const assignments = useProposalAssignments(proposalId);
  const assign = useAssignExpert();
  const remove = useRemoveAssignment();
  const rapporteur = useNameRapporteur();
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(errorMessage(e, t));

  let body;
  if (assignments.isPending) body = <PageLoader />;
  else if (assignments.isError) body = <QueryError error={assignments.error} onRetry={() => void assignments.refetch()} />;
  else {
    const list = assignments.data;
    const options = assignableExperts(experts, list).map((e) => ({ value: e.id, label: e.email }));
    body = (
      <Stack gap="sm">
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.evaluation.noAssignments}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.evaluation.expert}</Table.Th>
                  <Table.Th>{t.evaluation.assignmentStatus}</Table.Th>
                  <Table.Th>{t.evaluation.reviewStatus}</Table.Th>
                  <Table.Th>{t.evaluation.conflictNote}</Table.Th>
                  <ActionsHeader />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((a) => {
                  const id = a.assignment.id;
                  const canRemove = isActive(a) && a.review_status !== 'submitted' && !a.rapporteur;
                  const canNameRapporteur = a.assignment.status === 'cleared' && !a.rapporteur;
                  return (
                    <Table.Tr key={id}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text size="sm">{a.expert_email}</Text>
                          {a.rapporteur && (
                            <Badge color="grape" variant="light" size="sm">
                              {t.evaluation.rapporteur}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <AssignmentStatusBadge status={a.assignment.status} />
                      </Table.Td>
                      <Table.Td>{a.assignment.status === 'cleared' ? <ReviewStatusBadge status={a.review_status} /> : t.common.none}</Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {a.conflict_note ?? t.common.none}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {canNameRapporteur && (
                            <Button
                              size="xs"
                              variant="light"
                              color="grape"
                              loading={rapporteur.isPending && rapporteur.variables.expertId === a.assignment.expert_id}
                              onClick={() => {
                                setError(null);
                                rapporteur.mutate(
                                  { proposalId, expertId: a.assignment.expert_id },
                                  {
                                    onSuccess: () =>
                                      notifications.show({ color: 'green', message: t.evaluation.rapporteurNamed(a.expert_email) }),
                                    onError,
                                  },
                                );
                              }}
                            >
                              {t.evaluation.makeRapporteur}
                            </Button>
                          )}
                          {canRemove && (
                            <Button
                              size="xs"
                              variant="light"
                              color="red"
                              loading={remove.isPending && remove.variables === id}
                              onClick={() => {
                                if (!window.confirm(t.evaluation.removeConfirm(a.expert_email))) return;
                                setError(null);
                                remove.mutate(id, {
                                  onSuccess: () => notifications.show({ color: 'green', message: t.evaluation.removed }),
                                  onError,
                                });
                              }}
                            >
                              {t.evaluation.remove}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" gap="xs">
          <Select
            label={t.evaluation.assignByHand}
            placeholder={options.length > 0 ? t.evaluation.assignPlaceholder : t.evaluation.noExpertToAssign}
            data={options}
            value={choice}
            onChange={setChoice}
            disabled={options.length === 0}
            searchable
            w={320}
          />
          <Button
            disabled={!choice}
            loading={assign.isPending}
            onClick={() => {
              if (!choice) return;
              setError(null);
              assign.mutate(
                { proposalId, expertId: choice },
                {
                  onSuccess: () => {
                    setChoice(null);
                    notifications.show({ color: 'green', message: t.evaluation.assigned });
                  },
                  onError,
                },
              );
            }}
          >
            {t.evaluation.assign}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={acronym}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            <Anchor component={Link} to={`/proposals/${proposalId}/evaluation`}>
              {acronym}
            </Anchor>
          </Title>
          <Anchor component={Link} to={`/proposals/${proposalId}/consensus`} size="sm">
            {t.evaluation.tabs.consensus}
          </Anchor>
        </Group>
        <FormError message={error} />
        {body}
      </Stack>
    </Paper>
  );
}
