import { Group, Text } from '@mantine/core';
import { countChars } from '../lib/text';

/**
 * "1,234 / 5,000 characters", red with how many too many once over the limit. Made of spans only:
 * it sits in an input's description, which is a `<p>`.
 */
export function CharacterCounter({
  text,
  max,
  counter,
  tooLong,
  testId,
}: {
  text: string;
  max: number;
  counter: (used: number, max: number) => string;
  tooLong: (over: number) => string;
  testId: string;
}) {
  const used = countChars(text);
  const over = used - max;
  return (
    <Group gap="xs" justify="space-between" component="span" aria-live="polite">
      <Text span size="xs" c={over > 0 ? 'red.8' : 'dimmed'} data-testid={testId}>
        {counter(used, max)}
      </Text>
      {over > 0 && (
        <Text span size="xs" c="red.8" fw={600}>
          {tooLong(over)}
        </Text>
      )}
    </Group>
  );
}
