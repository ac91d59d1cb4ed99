import { Anchor, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCall } from '../../lib/api/call';
import { CallStatusBadge } from '../../features/calls/components/CallStatusBadge';
import { AssignmentsTab } from '../../features/evaluation/components/AssignmentsTab';
import { ConsensusTab } from '../../features/evaluation/components/ConsensusTab';
import { EligibilityTab } from '../../features/evaluation/components/EligibilityTab';
import { ExpertsTab } from '../../features/evaluation/components/ExpertsTab';
import { RankingTab } from '../../features/evaluation/components/RankingTab';
import { ReplyWindowTab } from '../../features/evaluation/components/ReplyWindowTab';
import { callStages, defaultStage, isStage } from '../../features/evaluation/stages';
import { criteriaOf } from '../../lib/scoring';
import { useMessages } from '../../i18n';
import type { Call } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

const TABS = ['eligibility', 'experts', 'assignments', 'consensus', 'reply', 'ranking'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => value !== null && (TABS as readonly string[]).includes(value);

/** /calls/:id/evaluation: the operator's evaluation of a call, one tab per step; tab and stage live in the URL. */
export function CallEvaluationRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const call = useCall(id);
  if (call.isPending) return <PageLoader />;
  if (call.isError) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/calls" size="sm">
          ← {t.calls.back}
        </Anchor>
        <QueryError
          error={call.error}
          onRetry={isApiError(call.error) && call.error.status < 500 ? undefined : () => void call.refetch()}
        />
      </Stack>
    );
  }
  return <Evaluation call={call.data} />;
}

function Evaluation({ call }: { call: Call }) {
  const t = useMessages();
  const [params, setParams] = useSearchParams();
  const stages = callStages(call);
  const stageParam = params.get('stage');
  const stage = isStage(stageParam) && stages.includes(stageParam) ? stageParam : defaultStage(call);
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'eligibility';
  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const timeZone = call.settings.time_zone;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/calls/${call.id}`} size="sm">
        ← {t.evaluation.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{t.evaluation.title(call.title)}</Title>
          <CallStatusBadge status={call.status} size="lg" />
        </Group>
      </Stack>
      {stages.length > 1 && (
        <Group gap="sm">
          <Text size="sm" fw={600} id="stage-label">
            {t.evaluation.stage}
          </Text>
          <SegmentedControl
            aria-labelledby="stage-label"
            value={stage}
            onChange={(value) => update({ stage: value })}
            data={stages.map((s) => ({ value: s, label: t.proposals.stages[s] ?? s }))}
          />
        </Group>
      )}
      <Tabs value={tab} onChange={(value) => isTab(value) && update({ tab: value })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t.evaluation.tabs[key]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="eligibility" pt="md">
          <EligibilityTab callId={call.id} stage={stage} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="experts" pt="md">
          <ExpertsTab callId={call.id} />
        </Tabs.Panel>
        <Tabs.Panel value="assignments" pt="md">
          <AssignmentsTab callId={call.id} stage={stage} />
        </Tabs.Panel>
        <Tabs.Panel value="consensus" pt="md">
          <ConsensusTab callId={call.id} stage={stage} />
        </Tabs.Panel>
        <Tabs.Panel value="reply" pt="md">
          <ReplyWindowTab call={call} stage={stage} />
        </Tabs.Panel>
        <Tabs.Panel value="ranking" pt="md">
          <RankingTab callId={call.id} stage={stage} criteria={criteriaOf(call.settings, stage)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
