import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Criterion, RankedProposal, Stage } from '../../../lib/api/types';
import { errorMessage } from '../../../lib/problem';
import { formatScore } from '../../../lib/scoring';
import { useRanking } from '../api/getRanking';
import { useInviteToFullStage } from '../api/inviteToFullStage';
import { ActionsHeader } from '../../../components/ActionsHeader';

/**
 * Inviting an outline that is not on the main list: the operator writes why (audited); the
 * server refuses it without a reason.
 */
function OverrideInvitation({ row, onClose }: { row: RankedProposal | null; onClose: () => void }) {
  const t = useMessages();
  const invite = useInviteToFullStage();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={row !== null} onClose={onClose} title={row ? t.evaluation.overrideTitle(row.acronym) : ''}>
      {row && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim() === '') {
              setError(t.evaluation.overrideReasonRequired);
              return;
            }
            setError(null);
            invite.mutate(
              { proposalId: row.proposal_id, overrideReason: reason.trim() },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t.evaluation.inviteToFullDone(row.acronym) });
                  setReason('');
                  onClose();
                },
                onError: (e) => setError(errorMessage(e, t)),
              },
            );
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t.evaluation.overrideHint}</Text>
            <FormError message={error} />
            <Textarea
              label={t.evaluation.overrideReason}
              withAsterisk
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" color="orange" loading={invite.isPending}>
                {t.evaluation.overrideInvite}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RankingTable({
  rows,
  criteria,
  canInvite,
  onInviteWithReason,
}: {
  rows: readonly RankedProposal[];
  criteria: readonly Criterion[];
  canInvite: boolean;
  /** For outlines not on the main list: invite only with a written reason. */
  onInviteWithReason?: (row: RankedProposal) => void;
}) {
  const t = useMessages();
  const locale = t.format.locale;
  const invite = useInviteToFullStage();
  const [error, setError] = useState<string | null>(null);
  if (rows.length === 0) return <Text c="dimmed">{t.evaluation.rankingEmpty}</Text>;
  return (
    <Stack gap="xs">
      <FormError message={error} />
      <Table.ScrollContainer minWidth={640 + criteria.length * 90}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.evaluation.rank}</Table.Th>
              <Table.Th>{t.evaluation.acronym}</Table.Th>
              {criteria.map((c) => (
                <Table.Th key={c.key} ta="right">
                  {c.label}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t.evaluation.total}</Table.Th>
              <Table.Th ta="right">{t.evaluation.weightedTotal}</Table.Th>
              <Table.Th>{t.evaluation.result}</Table.Th>
              {canInvite && <ActionsHeader />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.proposal_id}>
                <Table.Td>
                  {r.rank}
                  {r.tied_with_previous && (
                    <Tooltip label={t.evaluation.tieHint}>
                      <Badge ml={6} size="xs" color="gray" variant="outline" aria-label={`${t.evaluation.tie}: ${t.evaluation.tieHint}`}>
                        {t.evaluation.tie}
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${r.proposal_id}/consensus`} fw={600}>
                    {r.acronym}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {r.title}
                  </Text>
                </Table.Td>
                {criteria.map((c) => {
                  const score = r.scores[c.key];
                  const failed = r.failed_criteria.includes(c.key);
                  return (
                    <Table.Td key={c.key} ta="right" c={failed ? 'red' : undefined} fw={failed ? 700 : undefined}>
                      {score === undefined ? t.common.none : formatScore(score, locale)}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right">{formatScore(r.total, locale)}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {formatScore(r.weighted_total, locale)}
                </Table.Td>
                <Table.Td>
                  <Badge color={r.passed ? 'green' : 'red'} variant="light">
                    {r.passed ? t.evaluation.pass : t.evaluation.fail}
                  </Badge>
                </Table.Td>
                {canInvite && (
                  <Table.Td ta="right">
                    {r.invited_to_full ? (
                      <Badge color="blue" variant="light">
                        {t.evaluation.invitedToFull}
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        loading={invite.isPending && invite.variables.proposalId === r.proposal_id}
                        onClick={() => {
                          if (onInviteWithReason) {
                            onInviteWithReason(r);
                            return;
                          }
                          if (!window.confirm(t.evaluation.inviteToFullConfirm(r.acronym))) return;
                          setError(null);
                          invite.mutate({ proposalId: r.proposal_id }, {
                            onSuccess: () => notifications.show({ color: 'green', message: t.evaluation.inviteToFullDone(r.acronym) }),
                            onError: (e) => setError(errorMessage(e, t)),
                          });
                        }}
                      >
                        {t.evaluation.inviteToFull}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The stage's ranking: main list (best first), below threshold, and what still waits for an approved consensus. */
export function RankingTab({ callId, stage, criteria }: { callId: string; stage: Stage; criteria: readonly Criterion[] }) {
  const t = useMessages();
  const ranking = useRanking(callId, stage);
  const [overrideFor, setOverrideFor] = useState<RankedProposal | null>(null);
  if (ranking.isPending) return <PageLoader />;
  if (ranking.isError) return <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const r = ranking.data;
  const empty = r.main_list.length === 0 && r.below_threshold.length === 0 && r.pending.length === 0;
  if (empty) return <EmptyState>{t.evaluation.rankingEmpty}</EmptyState>;
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-labelledby="ranking-main">
        <Title order={2} size="h3" id="ranking-main">
          {t.evaluation.rankingMain}
        </Title>
        <RankingTable rows={r.main_list} criteria={criteria} canInvite={stage === 'outline'} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="ranking-below">
        <Title order={2} size="h3" id="ranking-below">
          {t.evaluation.rankingBelow}
        </Title>
        <RankingTable
          rows={r.below_threshold}
          criteria={criteria}
          canInvite={stage === 'outline'}
          onInviteWithReason={setOverrideFor}
        />
        <OverrideInvitation row={overrideFor} onClose={() => setOverrideFor(null)} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="ranking-pending">
        <Title order={2} size="h3" id="ranking-pending">
          {t.evaluation.rankingPending}
        </Title>
        {r.pending.length === 0 ? (
          <Text c="dimmed">{t.evaluation.rankingEmpty}</Text>
        ) : (
          <Stack gap={2}>
            {r.pending.map((p) => (
              <Anchor key={p.proposal_id} component={Link} to={`/proposals/${p.proposal_id}/consensus`}>
                {p.acronym}
              </Anchor>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
