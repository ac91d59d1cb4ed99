import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { isEmail } from '../../../lib/forms';
import { problemForForm } from '../../../lib/problem';
import { formatDate } from '../../../lib/format';
import { useExperts } from '../api/getExperts';
import { useInviteExpert } from '../api/inviteExpert';

function InviteExpertForm({ callId }: { callId: string }) {
  const t = useMessages();
  const invite = useInviteExpert();
  const [email, setEmail] = useState('');
  const [keywords, setKeywords] = useState<string[]>([]);
  const [loadCap, setLoadCap] = useState<number | string>(5);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const address = email.trim();
        const cap = typeof loadCap === 'number' ? loadCap : Number.parseInt(loadCap, 10);
        const local: Record<string, string> = {};
        if (!isEmail(address)) local.email = t.errors.invalidEmail;
        if (!Number.isInteger(cap) || cap < 1 || cap > 100) local.load_cap = t.calls.editor.wholeNumber;
        setErrors(local);
        setGeneral(null);
        if (Object.keys(local).length > 0) return;
        invite.mutate(
          { callId, body: { email: address, keywords, load_cap: cap } },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t.evaluation.invited(address) });
              setEmail('');
              setKeywords([]);
            },
            onError: (error) => {
              const placed = problemForForm(error, ['email', 'keywords', 'load_cap'], t);
              setErrors(placed.fieldErrors);
              setGeneral(placed.generalMessage);
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t.evaluation.inviteTitle}
        </Title>
        <FormError message={general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t.evaluation.email}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <TagsInput
            label={t.evaluation.keywords}
            description={t.evaluation.keywordsHint}
            value={keywords}
            onChange={setKeywords}
            error={errors.keywords}
          />
          <NumberInput
            label={t.evaluation.loadCap}
            description={t.evaluation.loadCapHint}
            min={1}
            max={100}
            allowDecimal={false}
            value={loadCap}
            onChange={setLoadCap}
            error={errors.load_cap}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={invite.isPending}>
            {t.evaluation.invite}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The call's expert pool and the form inviting someone to it. */
export function ExpertsTab({ callId }: { callId: string }) {
  const t = useMessages();
  const experts = useExperts(callId);
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <InviteExpertForm callId={callId} />
      </Paper>
      {experts.isPending ? (
        <PageLoader />
      ) : experts.isError ? (
        <QueryError error={experts.error} onRetry={() => void experts.refetch()} />
      ) : experts.data.length === 0 ? (
        <EmptyState>{t.evaluation.expertsEmpty}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.evaluation.email}</Table.Th>
                <Table.Th>{t.evaluation.keywords}</Table.Th>
                <Table.Th ta="right">{t.evaluation.loadCap}</Table.Th>
                <Table.Th>{t.evaluation.status}</Table.Th>
                <Table.Th>{t.evaluation.invitedAt}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {experts.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.email}</Table.Td>
                  <Table.Td>
                    {e.keywords.length > 0 ? (
                      <Group gap={4}>
                        {e.keywords.map((k) => (
                          <Badge key={k} variant="outline" size="sm" style={{ textTransform: 'none' }}>
                            {k}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t.common.none}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{e.load_cap}</Table.Td>
                  <Table.Td>
                    <Badge color={e.status === 'accepted' ? 'green' : 'yellow'} variant="light">
                      {t.evaluation.expertStatuses[e.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(e.invited_at, t.format.locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
