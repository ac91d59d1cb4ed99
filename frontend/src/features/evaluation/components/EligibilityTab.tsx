import { Anchor, Badge, Button, Group, List, Modal, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { EligibilityEntry, Stage } from '../../../lib/api/types';
import { errorMessage, problemForForm } from '../../../lib/problem';
import { instantLine } from '../../../lib/zoned';
import { ProposalStatusBadge } from '../../../components/ProposalStatusBadge';
import { useDecideEligibility } from '../api/decideEligibility';
import { useEligibility } from '../api/getEligibility';
import { ActionsHeader } from '../../../components/ActionsHeader';

/** A reason is needed to override the automatic result and for every ineligibility. */
export function reasonRequired(entry: Pick<EligibilityEntry, 'automatic'>, eligible: boolean): boolean {
  return !eligible || eligible !== entry.automatic.eligible;
}

function DecideModal({
  entry,
  initialEligible,
  onClose,
}: {
  entry: EligibilityEntry;
  initialEligible: boolean;
  onClose: () => void;
}) {
  const t = useMessages();
  const decide = useDecideEligibility();
  const [eligible, setEligible] = useState(initialEligible);
  const [reason, setReason] = useState(entry.decision?.reason ?? '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const needsReason = reasonRequired(entry, eligible);
  return (
    <Modal opened onClose={onClose} title={t.evaluation.decideTitle(entry.acronym)} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (needsReason && !reason.trim()) {
            setReasonError(t.evaluation.reasonRequired);
            return;
          }
          setReasonError(null);
          setGeneral(null);
          decide.mutate(
            { proposalId: entry.proposal_id, body: { eligible, reason: reason.trim() || null } },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t.evaluation.decided(entry.acronym) });
                onClose();
              },
              onError: (error) => {
                const { fieldErrors, generalMessage } = problemForForm(error, ['reason'], t);
                setReasonError(fieldErrors.reason ?? null);
                setGeneral(generalMessage);
              },
            },
          );
        }}
      >
        <Stack gap="md">
          <FormError message={general} />
          <Text size="sm">
            {t.evaluation.automatic}: {entry.automatic.eligible ? t.evaluation.autoEligible : t.evaluation.autoIneligible}
          </Text>
          {entry.automatic.items.length > 0 && (
            <List size="sm">
              {entry.automatic.items.map((item) => (
                <List.Item key={`${item.code}-${item.field}`}>{item.message}</List.Item>
              ))}
            </List>
          )}
          <Radio.Group label={t.evaluation.decideAs} value={eligible ? 'yes' : 'no'} onChange={(v) => setEligible(v === 'yes')}>
            <Group mt="xs">
              <Radio value="yes" label={t.evaluation.eligible} />
              <Radio value="no" label={t.evaluation.ineligible} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t.evaluation.reason}
            description={t.evaluation.reasonHint}
            required={needsReason}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.common.cancel}
            </Button>
            <Button type="submit" loading={decide.isPending}>
              {t.evaluation.decide}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DecisionCell({ entry, timeZone }: { entry: EligibilityEntry; timeZone: string | undefined }) {
  const t = useMessages();
  const d = entry.decision;
  if (!d) return <Text size="sm" c="dimmed">{t.evaluation.undecided}</Text>;
  return (
    <Stack gap={2}>
      <Group gap={4}>
        <Badge color={d.eligible ? 'green' : 'red'} variant="light">
          {d.eligible ? t.evaluation.eligible : t.evaluation.ineligible}
        </Badge>
        {d.overridden && (
          <Badge color="orange" variant="light">
            {t.evaluation.overridden}
          </Badge>
        )}
      </Group>
      {d.reason && (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {d.reason}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t.evaluation.decidedOn(instantLine(d.decided_at, timeZone, t))}
      </Text>
    </Stack>
  );
}

/** Every submitted proposal of the stage: the automatic check, the decision, and confirm / override. */
export function EligibilityTab({ callId, stage, timeZone }: { callId: string; stage: Stage; timeZone: string | undefined }) {
  const t = useMessages();
  const list = useEligibility(callId, stage);
  const decide = useDecideEligibility();
  const [editing, setEditing] = useState<{ entry: EligibilityEntry; eligible: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <EmptyState>{t.evaluation.eligibilityEmpty}</EmptyState>;
  return (
    <Stack gap="sm">
      <FormError message={error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.evaluation.acronym}</Table.Th>
              <Table.Th>{t.evaluation.status}</Table.Th>
              <Table.Th>{t.evaluation.automatic}</Table.Th>
              <Table.Th>{t.evaluation.decision}</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((entry) => (
              <Table.Tr key={entry.proposal_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${entry.proposal_id}/evaluation`} fw={600}>
                    {entry.acronym}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ProposalStatusBadge status={entry.status} />
                </Table.Td>
                <Table.Td>
                  <Badge color={entry.automatic.eligible ? 'green' : 'red'} variant="outline">
                    {entry.automatic.eligible ? t.evaluation.autoEligible : t.evaluation.autoIneligible}
                  </Badge>
                  {entry.automatic.items.length > 0 && (
                    <List size="xs" mt={4}>
                      {entry.automatic.items.map((item) => (
                        <List.Item key={`${item.code}-${item.field}`}>{item.message}</List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
                <Table.Td>
                  <DecisionCell entry={entry} timeZone={timeZone} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {!entry.decision && (
                      <Button
                        size="xs"
                        loading={decide.isPending && decide.variables.proposalId === entry.proposal_id}
                        onClick={() => {
                          setError(null);
                          if (entry.automatic.eligible) {
                            decide.mutate(
                              { proposalId: entry.proposal_id, body: { eligible: true, reason: null } },
                              {
                                onSuccess: () =>
                                  notifications.show({ color: 'green', message: t.evaluation.decided(entry.acronym) }),
                                onError: (e) => setError(errorMessage(e, t)),
                              },
                            );
                          } else {
                            setEditing({ entry, eligible: false });
                          }
                        }}
                      >
                        {t.evaluation.confirm}
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        setEditing({
                          entry,
                          eligible: entry.decision ? entry.decision.eligible : !entry.automatic.eligible,
                        })
                      }
                    >
                      {entry.decision ? t.evaluation.change : t.evaluation.override}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <DecideModal entry={editing.entry} initialEligible={editing.eligible} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
