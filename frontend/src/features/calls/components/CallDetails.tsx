import { Badge, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMessages } from '../../../i18n';
import { STAGES, type Call, type CallSettings, type GrantRules, type Stage } from '../../../lib/api/types';
import { formatBasisPoints, formatEuros } from '../../../lib/money';
import { formatNumber, formatSize, mediaTypeName } from '../format';
import { DeadlineList } from './DeadlineInfo';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function FundersTable({ settings }: { settings: CallSettings }) {
  const t = useMessages();
  const locale = t.format.locale;
  if (settings.funders.length === 0) return <Text c="dimmed">{t.calls.noFunders}</Text>;
  const total = settings.funders.reduce((sum, f) => sum + f.envelope_cents, 0);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.calls.agency}</Table.Th>
            <Table.Th>{t.calls.funds}</Table.Th>
            <Table.Th ta="right">{t.calls.envelope}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {settings.funders.map((f) => (
            <Table.Tr key={f.agency}>
              <Table.Td>{f.agency}</Table.Td>
              <Table.Td>
                {f.funds.length > 0 ? f.funds.map((k) => t.organisations.kinds[k]).join(', ') : t.calls.nothing}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatEuros(f.envelope_cents, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {settings.funders.length > 1 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>{t.calls.totalEnvelope}</Table.Th>
              <Table.Th ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatEuros(total, locale)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

function DocumentsOfStage({ settings, stage }: { settings: CallSettings; stage: Stage }) {
  const t = useMessages();
  const documents = settings.documents.filter((d) => d.stage === stage);
  if (documents.length === 0) return <Text c="dimmed">{t.calls.noDocuments}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.calls.document}</Table.Th>
            <Table.Th>{t.calls.required}</Table.Th>
            <Table.Th>{t.calls.maxSize}</Table.Th>
            <Table.Th>{t.calls.mediaTypes}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((d) => (
            <Table.Tr key={d.document_type}>
              <Table.Td>{d.label}</Table.Td>
              <Table.Td>
                <Badge color={d.required ? 'red' : 'gray'} variant="light" size="sm">
                  {d.required ? t.calls.required : t.calls.optional}
                </Badge>
              </Table.Td>
              <Table.Td>{formatSize(d.max_size_bytes, t)}</Table.Td>
              <Table.Td>{d.media_types.map(mediaTypeName).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CriteriaOfStage({ settings, stage }: { settings: CallSettings; stage: Stage }) {
  const t = useMessages();
  const criteria = settings.criteria.filter((c) => c.stage === stage);
  const overall = settings.thresholds.find((th) => th.stage === stage);
  return (
    <Stack gap="xs">
      {criteria.length === 0 ? (
        <Text c="dimmed">{t.calls.noCriteria}</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.calls.criterion}</Table.Th>
                <Table.Th ta="right">{t.calls.threshold}</Table.Th>
                <Table.Th ta="right">{t.calls.weight}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {criteria.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.threshold, t)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.weight, t)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" fw={500}>
        {overall ? t.calls.overallThreshold(formatNumber(overall.overall, t)) : t.calls.noOverallThreshold}
      </Text>
    </Stack>
  );
}

/** One block per stage the call has; stages it lacks are left out. */
function PerStage({ settings, render }: { settings: CallSettings; render: (stage: Stage) => ReactNode }) {
  const t = useMessages();
  const stages = STAGES.filter((s) => s === 'full' || settings.outline_stage !== null);
  return (
    <Stack gap="md">
      {stages.map((stage) => (
        <Stack key={stage} gap="xs">
          {stages.length > 1 && (
            <Title order={3} size="h5">
              {t.calls.stages[stage]}
            </Title>
          )}
          {render(stage)}
        </Stack>
      ))}
    </Stack>
  );
}

export const GRANT_RULE_ORDER = [
  'company_industrial_research_rate',
  'company_experimental_development_rate',
  'medium_enterprise_bonus',
  'small_enterprise_bonus',
  'collaboration_bonus',
  'collaboration_min_research_share',
  'company_max_rate',
  'research_overhead_rate',
  'research_funding_rate',
  'hospital_funding_rate',
] as const satisfies readonly (keyof GrantRules)[];

/** The funding rules as percentages, read-only. */
export function GrantRulesTable({ rules }: { rules: GrantRules }) {
  const t = useMessages();
  return (
    <Table>
      <Table.Tbody>
        {GRANT_RULE_ORDER.map((name) => (
          <Table.Tr key={name}>
            <Table.Td>{t.calls.grantRuleLabels[name]}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatBasisPoints(rules[name], t.format.locale)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Everything a call asks for and promises, in the order an applicant reads it. */
export function CallDetails({ call }: { call: Call }) {
  const t = useMessages();
  const s = call.settings;
  const locale = t.format.locale;
  return (
    <Stack gap="md">
      <Section title={t.calls.description}>
        <Text style={{ whiteSpace: 'pre-wrap' }} c={call.description ? undefined : 'dimmed'}>
          {call.description || t.calls.noDescription}
        </Text>
      </Section>
      <Section title={t.calls.deadlines}>
        <Text size="sm" c="dimmed">
          {s.outline_stage ? t.calls.twoStage : t.calls.singleStage}
        </Text>
        <DeadlineList deadlines={call.deadlines} timeZone={s.time_zone} />
      </Section>
      <Section title={t.calls.funders}>
        <FundersTable settings={s} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Section title={t.calls.cap}>
          <Text>
            {s.capped_agencies.length > 0
              ? t.calls.capText(formatEuros(s.cap_per_project_cents, locale), s.capped_agencies.join(' + '))
              : t.calls.noCappedAgencies}
          </Text>
          <Text size="sm" c="dimmed">
            {t.calls.ownFunds}
          </Text>
        </Section>
        <Section title={t.calls.consortium}>
          <List size="sm" spacing={4}>
            <List.Item>{t.calls.minCompanies(s.consortium.min_luxembourg_companies)}</List.Item>
            <List.Item>{t.calls.minResearch(s.consortium.min_luxembourg_research_organisations)}</List.Item>
            <List.Item>
              {s.consortium.hospital_required ? t.calls.hospitalRequired : t.calls.hospitalOptional}
            </List.Item>
            <List.Item>{t.calls.maxPartners(s.consortium.max_partners)}</List.Item>
          </List>
        </Section>
        <Section title={t.calls.duration}>
          <Text>{t.calls.durationText(s.min_duration_months, s.max_duration_months)}</Text>
        </Section>
      </SimpleGrid>
      <Section title={t.calls.documents}>
        <PerStage settings={s} render={(stage) => <DocumentsOfStage settings={s} stage={stage} />} />
      </Section>
      <Section title={t.calls.criteria}>
        <Text size="sm" c="dimmed">
          {t.calls.scoreScale}
        </Text>
        <PerStage settings={s} render={(stage) => <CriteriaOfStage settings={s} stage={stage} />} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t.calls.evaluation}>
          <List size="sm" spacing={4}>
            <List.Item>{t.calls.reviewsPerProposal(s.reviews_per_proposal)}</List.Item>
            <List.Item>
              {s.right_to_reply.enabled
                ? t.calls.rightToReplyOn(formatNumber(s.right_to_reply.max_chars, t))
                : t.calls.rightToReplyOff}
            </List.Item>
          </List>
        </Section>
        <Section title={t.calls.grantRules}>
          <GrantRulesTable rules={s.grant_rules} />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
