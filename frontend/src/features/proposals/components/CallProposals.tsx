import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { formatDate } from '../../../lib/format';
import { useCreateProposal } from '../api/createProposal';
import { useCallProposals } from '../api/getCallProposals';
import { OrganisationPicker } from './OrganisationPicker';
import { ProposalStatusBadge } from '../../../components/ProposalStatusBadge';

interface StartValues {
  acronym: string;
  title: string;
  organisation_id: string;
}

function StartProposalForm({ callId, onCancel }: { callId: string; onCancel: () => void }) {
  const t = useMessages();
  const navigate = useNavigate();
  const create = useCreateProposal();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<StartValues>({
    mode: 'controlled',
    initialValues: { acronym: '', title: '', organisation_id: '' },
    validate: {
      acronym: (v) => (v.trim() ? null : t.errors.required),
      organisation_id: (v) => (v ? null : t.errors.required),
    },
  });
  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    const title = values.title.trim();
    create.mutate(
      {
        callId,
        body: { acronym: values.acronym.trim(), organisation_id: values.organisation_id, ...(title ? { title } : {}) },
      },
      {
        onSuccess: (proposal) => void navigate(`/proposals/${proposal.id}`),
        onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={3}>{t.proposals.startTitle}</Title>
        <FormError message={general} />
        {/* The organisation picker may show its own form (create one), so it sits outside this form. */}
        <OrganisationPicker
          value={form.values.organisation_id || null}
          onChange={(id) => form.setFieldValue('organisation_id', id ?? '')}
          error={form.errors.organisation_id as string | undefined}
          description={t.proposals.organisationHint}
        />
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="sm">
            <TextInput label={t.proposals.acronym} required maxLength={40} {...form.getInputProps('acronym')} />
            <TextInput label={t.proposals.title} {...form.getInputProps('title')} />
            <Group gap="sm">
              <Button type="submit" loading={create.isPending}>
                {t.proposals.startSubmit}
              </Button>
              <Button variant="default" onClick={onCancel}>
                {t.common.cancel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** On a call's page: the caller's proposals in it and, while the call is open, a way to start one. */
export function CallProposals({ callId, canStart }: { callId: string; canStart: boolean }) {
  const t = useMessages();
  const proposals = useCallProposals(callId);
  const [starting, setStarting] = useState(false);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t.proposals.myProposalsTitle}</Title>
        {canStart && !starting && <Button onClick={() => setStarting(true)}>{t.proposals.start}</Button>}
      </Group>
      {starting && <StartProposalForm callId={callId} onCancel={() => setStarting(false)} />}
      {proposals.isPending && <PageLoader />}
      {proposals.isError && <QueryError error={proposals.error} onRetry={() => void proposals.refetch()} />}
      {proposals.isSuccess &&
        (proposals.data.items.length === 0 ? (
          <EmptyState>{t.proposals.none}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.proposals.acronym}</Table.Th>
                  <Table.Th>{t.proposals.title}</Table.Th>
                  <Table.Th>{t.proposals.stage}</Table.Th>
                  <Table.Th>{t.proposals.status}</Table.Th>
                  <Table.Th>{t.proposals.submittedAt}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposals.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/proposals/${p.id}`} fw={600}>
                        {p.acronym}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.title}</Table.Td>
                    <Table.Td>{t.proposals.stages[p.stage] ?? p.stage}</Table.Td>
                    <Table.Td>
                      <ProposalStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.submitted_at ? formatDate(p.submitted_at, t.format.locale) : t.common.none}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
    </Stack>
  );
}
