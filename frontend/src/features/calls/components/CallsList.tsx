import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Call } from '../../../lib/api/types';
import { CallStatusBadge } from './CallStatusBadge';
import { DeadlineList } from './DeadlineInfo';

export function CallsList({ calls }: { calls: readonly Call[] }) {
  return (
    <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {calls.map((call) => (
        <Card key={call.id} withBorder padding="lg" radius="md" component="li">
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Title order={2} size="h4">
                <Anchor component={Link} to={`/calls/${call.id}`}>
                  {call.title}
                </Anchor>
              </Title>
              <CallStatusBadge status={call.status} />
            </Group>
            {call.description && (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {call.description}
              </Text>
            )}
            <DeadlineList deadlines={call.deadlines} timeZone={call.settings.time_zone} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
