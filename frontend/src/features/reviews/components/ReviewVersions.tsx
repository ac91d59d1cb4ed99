import { Table, Text } from '@mantine/core';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { instantLine } from '../../../lib/zoned';
import { useReviewVersions } from '../api/getReviewVersions';

/** Every saved version of the review, newest first, with how far it was. */
export function ReviewVersions({
  assignmentId,
  criterionKeys,
  timeZone,
}: {
  assignmentId: string;
  criterionKeys: readonly string[];
  timeZone: string | undefined;
}) {
  const t = useMessages();
  const versions = useReviewVersions(assignmentId);
  if (versions.isPending) return null;
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.data.length === 0) return <Text c="dimmed">{t.reviews.versionsEmpty}</Text>;
  const newestFirst = [...versions.data].reverse();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.reviews.version}</Table.Th>
            <Table.Th>{t.reviews.savedAt}</Table.Th>
            <Table.Th>{t.reviews.progress}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((v) => {
            const scored = criterionKeys.filter((k) => typeof v.content.scores?.[k]?.score === 'number').length;
            return (
              <Table.Tr key={v.version}>
                <Table.Td>{t.reviews.versionN(v.version)}</Table.Td>
                <Table.Td>{instantLine(v.saved_at, timeZone, t)}</Table.Td>
                <Table.Td>{t.reviews.scoredCount(scored, criterionKeys.length)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
