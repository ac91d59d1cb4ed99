import { Anchor, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import '../../features/proposals/print.css';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useProposal } from '../../features/proposals/api/getProposal';
import { useReceipt } from '../../features/proposals/api/getReceipt';
import { useMessages } from '../../i18n';
import { isApiError } from '../../lib/problem';

/** A printable receipt: number, server and local times, the snapshot's and every document's digest. */
export function ReceiptRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const receipt = useReceipt(id);
  const proposal = useProposal(id);

  if (receipt.isPending) return <PageLoader />;
  if (receipt.isError) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to={`/proposals/${id}`} size="sm">
          ← {t.proposals.backToProposal}
        </Anchor>
        {isApiError(receipt.error) && receipt.error.status === 404 ? (
          <Text>{t.proposals.noReceipt}</Text>
        ) : (
          <QueryError error={receipt.error} onRetry={() => void receipt.refetch()} />
        )}
      </Stack>
    );
  }
  const r = receipt.data;
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th w={240}>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to={`/proposals/${id}`} size="sm">
          ← {t.proposals.backToProposal}
        </Anchor>
        <Button variant="default" onClick={() => window.print()}>
          {t.proposals.print}
        </Button>
      </Group>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="md">
          <Title order={1}>{t.proposals.receiptTitle}</Title>
          {proposal.data && (
            <Text fw={600}>
              {proposal.data.acronym} — {proposal.data.title}
            </Text>
          )}
          <Table withTableBorder>
            <Table.Tbody>
              {row(t.proposals.receiptNumber, <Text fw={700}>{r.number}</Text>)}
              {row(t.proposals.receiptStage, t.proposals.stages[r.stage] ?? r.stage)}
              {row(t.proposals.receiptServerTime, <Code>{r.submitted_at}</Code>)}
              {row(t.proposals.receiptLocalTime, <Code>{r.submitted_at_local}</Code>)}
              {row(t.proposals.snapshotDigest, <Code style={{ wordBreak: 'break-all' }}>{r.snapshot_sha256}</Code>)}
            </Table.Tbody>
          </Table>
          <Title order={2} size="h3">{t.proposals.receiptDocuments}</Title>
          {r.documents.length === 0 ? (
            <Text c="dimmed">{t.proposals.noDocuments}</Text>
          ) : (
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.proposals.documentType}</Table.Th>
                  <Table.Th>{t.proposals.filename}</Table.Th>
                  <Table.Th>{t.proposals.sha256}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.documents.map((d) => (
                  <Table.Tr key={d.document_id}>
                    <Table.Td>{d.document_type}</Table.Td>
                    <Table.Td>{d.filename}</Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{d.sha256}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <details>
            <summary>{t.proposals.snapshotTitle}</summary>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {r.snapshot}
            </Code>
          </details>
        </Stack>
      </Paper>
    </Stack>
  );
}
