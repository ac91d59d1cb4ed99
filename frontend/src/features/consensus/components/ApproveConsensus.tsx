import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useMessages } from '../../../i18n';
import type { Criterion } from '../../../lib/api/types';
import { useApproveConsensus } from '../api/approveConsensus';
import { readableProblem } from '../problems';

/** The operator's approval; a refusal (409 or 422) is listed field by field. */
export function ApproveConsensus({ proposalId, criteria }: { proposalId: string; criteria: readonly Criterion[] }) {
  const t = useMessages();
  const approve = useApproveConsensus({ onSuccess: () => notifications.show({ color: 'green', message: t.consensus.approved }) });
  const [problem, setProblem] = useState<{ message: string; items: string[] } | null>(null);
  return (
    <Stack gap="sm">
      {problem && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{problem.message}</Text>
          {problem.items.length > 0 && (
            <List size="sm" mt="xs">
              {problem.items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <div>
        <Button
          color="green"
          loading={approve.isPending}
          onClick={() => {
            if (!window.confirm(t.consensus.approveConfirm)) return;
            setProblem(null);
            approve.mutate(proposalId, {
              onError: (error) => setProblem(readableProblem(error, criteria, t)),
            });
          }}
        >
          {t.consensus.approve}
        </Button>
      </div>
    </Stack>
  );
}
