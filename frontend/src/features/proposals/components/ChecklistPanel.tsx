import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { ChecklistItem } from '../../../lib/api/types';
import { useChecklist } from '../api/getChecklist';
import { checklistTarget, goToAnchor } from '../checklistLinks';

/** A to-do list; each item links to the field or section where it is fixed. */
export function ChecklistItems({ items, partnerIds }: { items: ChecklistItem[]; partnerIds: readonly string[] }) {
  return (
    <List spacing="xs" size="sm">
      {items.map((item, i) => {
        const target = checklistTarget(item, partnerIds);
        return (
          <List.Item key={`${item.code}-${item.field}-${i}`}>
            <Anchor
              href={`#${target.anchorId}`}
              onClick={(event) => {
                if (goToAnchor(target.anchorId)) event.preventDefault();
              }}
            >
              {item.message}
            </Anchor>
          </List.Item>
        );
      })}
    </List>
  );
}

export function ChecklistPanel({ proposalId, partnerIds }: { proposalId: string; partnerIds: readonly string[] }) {
  const t = useMessages();
  const checklist = useChecklist(proposalId);
  if (checklist.isPending) return <PageLoader />;
  if (checklist.isError) return <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  return (
    <Stack gap="sm">
      {checklist.data.complete ? (
        <Alert color="green" variant="light">
          {t.proposals.checklistComplete}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t.proposals.checklistIntro}</Text>
          <ChecklistItems items={checklist.data.items} partnerIds={partnerIds} />
        </>
      )}
      <Group>
        <Button size="xs" variant="default" loading={checklist.isFetching} onClick={() => void checklist.refetch()}>
          {t.proposals.refreshChecklist}
        </Button>
      </Group>
    </Stack>
  );
}
