import { Stack, Text } from '@mantine/core';
import { useMessages } from '../i18n/index';
import { describeInstant } from '../lib/zoned';

/** An instant in the call's time zone, with the viewer's own time below when it differs. */
export function ZonedTime({ utc, timeZone, size = 'sm' }: { utc: string; timeZone: string | undefined; size?: 'xs' | 'sm' }) {
  const t = useMessages();
  const { primary, viewer } = describeInstant(utc, timeZone, t);
  return (
    <Stack gap={0}>
      <Text size={size}>{primary}</Text>
      {viewer && (
        <Text size="xs" c="dimmed">
          {t.zoned.yourTime(viewer)}
        </Text>
      )}
    </Stack>
  );
}
