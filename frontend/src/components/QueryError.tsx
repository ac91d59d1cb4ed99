import { Alert, Button, Group, Text } from '@mantine/core';
import { useMessages } from '../i18n';
import { errorMessage } from '../lib/problem';

/** Shows why loading failed, with a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useMessages();
  return (
    <Alert color="red" variant="light" role="alert">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t.common.retry}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
