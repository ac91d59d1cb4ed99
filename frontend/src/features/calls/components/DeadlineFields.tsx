import { Fieldset, Group, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMessages } from '../../../i18n';
import { splitLocalDateTime } from '../../../lib/datetime';

/**
 * A stage deadline as local wall-clock time of the call's zone: a date input
 * and a time input that edit one "YYYY-MM-DDTHH:MM[:SS]" value.
 */
export function DeadlineFields({
  legend,
  value,
  onChange,
  error,
  timeZone,
}: {
  legend: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  timeZone: string;
}) {
  const t = useMessages();
  const { date, time } = splitLocalDateTime(value);
  return (
    <Fieldset legend={legend} variant="unstyled">
      <Group align="flex-start" gap="sm">
        <TextInput
          type="date"
          label={t.calls.editor.deadlineDate}
          required
          value={date}
          onChange={(event) => onChange(`${event.currentTarget.value}T${time}`)}
          error={error}
          w={200}
        />
        <TextInput
          type="time"
          label={t.calls.editor.deadlineTime}
          required
          // Seconds only when the deadline has some (deadlines are enforced to the second).
          step={time.length > 5 ? 1 : 60}
          value={time}
          onChange={(event) => onChange(`${date}T${event.currentTarget.value}`)}
          error={error ? true : undefined}
          w={140}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t.calls.editor.deadlineHint(timeZone || '—')}
      </Text>
    </Fieldset>
  );
}
