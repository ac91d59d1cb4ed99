import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { callQueryOptions } from '../../lib/api/call';
import { useReply } from '../../features/consensus/api/getReply';
import { ReplyForm } from '../../features/consensus/components/ReplyForm';
import { instantLine } from '../../lib/zoned';
import { useProposal } from '../../features/proposals/api/getProposal';
import { ReviewContentView } from '../../components/scoring/ReviewContentView';
import { criteriaOf } from '../../lib/scoring';
import { useMessages } from '../../i18n';
import type { Criterion, Reply } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

/** The criteria the comments are about: the call's, or bare keys while it loads. */
function commentCriteria(reply: Reply, known: readonly Criterion[] | undefined): Criterion[] {
  if (known && known.length > 0) return [...known];
  return Object.keys(reply.comments.scores ?? {}).map((key) => ({
    key,
    label: key,
    stage: reply.stage,
    weight: 1,
    threshold: 0,
  }));
}

/** /proposals/:id/reply: the consortium reads the anonymised consensus comments and answers (the mail links here). */
export function ReplyRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const reply = useReply(id);
  const proposal = useProposal(id);
  const call = useQuery({ ...callQueryOptions(proposal.data?.call_id ?? ''), enabled: proposal.data !== undefined });
  const back = (
    <Anchor component={Link} to={`/proposals/${id}`} size="sm">
      ← {t.proposals.backToProposal}
    </Anchor>
  );
  let body;
  if (reply.isPending) {
    body = <PageLoader />;
  } else if (reply.isError) {
    body =
      isApiError(reply.error) && reply.error.status === 404 ? (
        <Alert color="blue" variant="light">
          {t.reply.noReplyPhase}
        </Alert>
      ) : (
        <QueryError error={reply.error} onRetry={() => void reply.refetch()} />
      );
  } else {
    const r = reply.data;
    const timeZone = call.data?.settings.time_zone;
    const criteria = commentCriteria(r, call.data ? criteriaOf(call.data.settings, r.stage) : undefined);
    body = (
      <Stack gap="lg">
        <Text>{t.reply.intro}</Text>
        <Text size="sm" c="dimmed">
          {t.reply.window(instantLine(r.opens_at, timeZone, t), instantLine(r.closes_at, timeZone, t))}
        </Text>
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="reply-comments">
          <Stack gap="md">
            <Title order={2} id="reply-comments">
              {t.reply.commentsTitle}
            </Title>
            <ReviewContentView criteria={criteria} content={r.comments} showScores={false} />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-label={t.reply.yourReply}>
          <ReplyForm key={r.proposal_id} reply={r} timeZone={timeZone} />
        </Paper>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      <Title order={1}>
        {t.reply.title}
        {proposal.data ? `: ${proposal.data.acronym}` : ''}
      </Title>
      {body}
    </Stack>
  );
}
