import { Badge, Group, Stack, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { StageDeadline } from '../../../lib/api/types';
import { viewerTimeZone } from '../../../lib/datetime';
import { useDeadlineState } from '../countdown';
import { describeDeadline } from '../../../lib/deadlines';

/**
 * One stage's deadline: in the call's time zone, in the viewer's, and either
 * "passed" or, under 48 hours before it, a live countdown.
 */
export function DeadlineInfo({ deadline, timeZone }: { deadline: StageDeadline; timeZone: string }) {
  const t = useMessages();
  const { passed, countdown } = useDeadlineState(deadline.utc, deadline.passed);
  const texts = describeDeadline(deadline, timeZone, viewerTimeZone(), t);
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {t.calls.deadlineOf[deadline.stage]}
        </Text>
        {passed ? (
          <Badge color="gray" variant="filled" size="sm">
            {t.calls.passed}
          </Badge>
        ) : (
          countdown && (
            <Badge color="red" variant="light" size="sm" role="timer" style={{ textTransform: 'none' }}>
              {t.calls.countdown(countdown.hours, countdown.minutes, countdown.seconds)}
            </Badge>
          )
        )}
      </Group>
      <Text size="sm" c={passed ? 'dimmed' : undefined}>
        {texts.inCallZone}
      </Text>
      {texts.inViewerZone && (
        <Text size="xs" c="dimmed">
          {t.calls.yourTime}: {texts.inViewerZone}
        </Text>
      )}
    </Stack>
  );
}

/** Every deadline of a call, in stage order. */
export function DeadlineList({ deadlines, timeZone }: { deadlines: readonly StageDeadline[]; timeZone: string }) {
  const t = useMessages();
  if (deadlines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t.calls.noDeadlines}
      </Text>
    );
  }
  return (
    <Group gap="xl" align="flex-start">
      {deadlines.map((d) => (
        <DeadlineInfo key={d.stage} deadline={d} timeZone={timeZone} />
      ))}
    </Group>
  );
}
