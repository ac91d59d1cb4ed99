import { Anchor, Badge, Group, Loader, Text } from '@mantine/core';
import { useMessages } from '../i18n';
import type { AutosaveStatus } from '../lib/autosave';
import { errorMessage } from '../lib/problem';

const COLORS: Record<AutosaveStatus, string> = {
  saved: 'green',
  pending: 'gray',
  saving: 'blue',
  error: 'red',
  conflict: 'orange',
};

/** "Saved", "Saving…" or "Not saved" (with why, and a way to try again), announced politely. */
export function AutosaveIndicator({
  status,
  error,
  onRetry,
}: {
  status: AutosaveStatus;
  error?: unknown;
  onRetry?: () => void;
}) {
  const t = useMessages();
  return (
    <Group gap="xs" role="status" aria-live="polite" wrap="nowrap">
      <Badge
        color={COLORS[status]}
        variant="light"
        style={{ textTransform: 'none' }}
        leftSection={status === 'saving' ? <Loader size={10} color="blue" /> : undefined}
        data-testid="autosave-status"
      >
        {t.autosave[status]}
      </Badge>
      {status === 'error' && (
        <>
          <Text size="xs" c="red">
            {t.autosave.errorHint(errorMessage(error, t))}
          </Text>
          {onRetry && (
            <Anchor component="button" type="button" size="xs" onClick={onRetry}>
              {t.autosave.retry}
            </Anchor>
          )}
        </>
      )}
    </Group>
  );
}
