import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n';
import type { ExpertAssignment } from '../../../lib/api/types';
import { callQueryOptions } from '../../../lib/api/call';
import { ZonedTime } from '../../../components/ZonedTime';
import { AssignmentBadges } from '../../../components/AssignmentBadges';
import { ActionsHeader } from '../../../components/ActionsHeader';

/** The time zone of each call, read from the calls (cached), by call id. */
function useCallZones(callIds: readonly string[]): Record<string, string | undefined> {
  const unique = [...new Set(callIds)];
  const calls = useQueries({ queries: unique.map((id) => callQueryOptions(id)) });
  return Object.fromEntries(unique.map((id, i) => [id, calls[i]?.data?.settings.time_zone]));
}

/** The expert's assignments: proposal, partners, where it stands and the review deadline. */
export function MyAssignmentsTable({ assignments }: { assignments: readonly ExpertAssignment[] }) {
  const t = useMessages();
  const zones = useCallZones(assignments.map((a) => a.call_id));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.reviews.proposal}</Table.Th>
            <Table.Th>{t.reviews.call}</Table.Th>
            <Table.Th>{t.reviews.partners}</Table.Th>
            <Table.Th>{t.reviews.status}</Table.Th>
            <Table.Th>{t.reviews.deadline}</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assignments.map((a) => (
            <Table.Tr key={a.assignment.id}>
              <Table.Td>
                <Anchor component={Link} to={`/reviews/${a.assignment.id}`} fw={600}>
                  {a.acronym}
                </Anchor>
                <Text size="sm">{a.title}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.call_title}</Text>
                <Text size="xs" c="dimmed">
                  {t.proposals.stages[a.assignment.stage] ?? a.assignment.stage}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {a.partners.map((name) => (
                    <Text size="sm" key={name}>
                      {name}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <AssignmentBadges status={a.assignment.status} reviewStatus={a.review_status} rapporteur={a.rapporteur} />
              </Table.Td>
              <Table.Td>
                {a.review_deadline ? (
                  <ZonedTime utc={a.review_deadline} timeZone={zones[a.call_id]} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t.reviews.noDeadline}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button component={Link} to={`/reviews/${a.assignment.id}`} size="xs" variant="light">
                  {t.reviews.open}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
