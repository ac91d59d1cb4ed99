import { Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bar that stays at the bottom of the window while a long form scrolls: status and main action. */
export function StickyBar({ children }: { children: ReactNode }) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      radius="md"
      style={{ position: 'sticky', bottom: 'var(--mantine-spacing-sm)', zIndex: 5 }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        {children}
      </Group>
    </Paper>
  );
}
