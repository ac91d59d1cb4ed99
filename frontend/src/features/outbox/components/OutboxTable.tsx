import { Badge, Table, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { Mail } from '../../../lib/api/types';
import { viewerTimeZone } from '../../../lib/datetime';
import { describeInstant } from '../../../lib/zoned';

/** Queued mails: recipient, subject, delivery status, attempts, next attempt and when sent (the viewer's time). */
export function OutboxTable({ mails }: { mails: readonly Mail[] }) {
  const t = useMessages();
  const when = (iso: string) => describeInstant(iso, viewerTimeZone(), t).primary;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.outbox.to}</Table.Th>
            <Table.Th>{t.outbox.subject}</Table.Th>
            <Table.Th miw={110}>{t.outbox.status}</Table.Th>
            <Table.Th ta="right">{t.outbox.attempts}</Table.Th>
            <Table.Th>{t.outbox.nextAttempt}</Table.Th>
            <Table.Th>{t.outbox.sentAt}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mails.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.to}</Table.Td>
              <Table.Td>
                <Text size="sm">{m.subject}</Text>
                <Text size="xs" c="dimmed">
                  {m.kind}
                </Text>
                {m.last_error && (
                  <Text size="xs" c="red">
                    {t.outbox.lastError(m.last_error)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={m.status === 'sent' ? 'green' : 'yellow'} variant="light">
                  {t.outbox.statuses[m.status]}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{m.attempts}</Table.Td>
              <Table.Td>{m.status === 'pending' ? when(m.next_attempt_at) : t.common.none}</Table.Td>
              <Table.Td>{m.sent_at ? when(m.sent_at) : t.common.none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
