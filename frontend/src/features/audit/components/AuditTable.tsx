import { Code, Spoiler, Stack, Table, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { AuditRecord } from '../../../lib/api/types';
import { viewerTimeZone } from '../../../lib/datetime';
import { describeInstant } from '../../../lib/zoned';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxWidth: 360 }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** Audit records: sequence, time, action, entity, actor, and the before/after of the change. */
export function AuditTable({
  records,
  onFilter,
}: {
  records: readonly AuditRecord[];
  /** Filters the log on a value clicked in the table. */
  onFilter: (field: 'entity_type' | 'entity_id' | 'actor_id', value: string) => void;
}) {
  const t = useMessages();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.audit.seq}</Table.Th>
            <Table.Th>{t.audit.at}</Table.Th>
            <Table.Th>{t.audit.action}</Table.Th>
            <Table.Th>{t.audit.entity}</Table.Th>
            <Table.Th>{t.audit.actor}</Table.Th>
            <Table.Th>{t.audit.changes}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.seq}>
              <Table.Td>{r.seq}</Table.Td>
              <Table.Td>
                <Text size="sm">{describeInstant(r.at, viewerTimeZone(), t).primary}</Text>
              </Table.Td>
              <Table.Td>
                <Code>{r.action}</Code>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" component="button" type="button" onClick={() => onFilter('entity_type', r.entity_type)} style={linkStyle}>
                    {r.entity_type}
                  </Text>
                  <Text size="xs" component="button" type="button" onClick={() => onFilter('entity_id', r.entity_id)} style={linkStyle}>
                    {r.entity_id}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                {r.actor_id ? (
                  <Text size="xs" component="button" type="button" onClick={() => onFilter('actor_id', r.actor_id ?? '')} style={linkStyle}>
                    {r.actor_id}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t.audit.system}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {(r.before !== undefined && r.before !== null) || (r.after !== undefined && r.after !== null) ? (
                  <Spoiler maxHeight={60} showLabel={t.audit.showAll} hideLabel={t.audit.showLess}>
                    {r.before !== undefined && r.before !== null && (
                      <>
                        <Text size="xs" fw={600}>
                          {t.audit.before}
                        </Text>
                        <Json value={r.before} />
                      </>
                    )}
                    {r.after !== undefined && r.after !== null && (
                      <>
                        <Text size="xs" fw={600}>
                          {t.audit.after}
                        </Text>
                        <Json value={r.after} />
                      </>
                    )}
                  </Spoiler>
                ) : (
                  t.common.none
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const linkStyle = {
  background: 'none',
  border: 0,
  padding: 0,
  cursor: 'pointer',
  textAlign: 'left' as const,
  color: 'var(--mantine-color-anchor)',
  wordBreak: 'break-all' as const,
};
