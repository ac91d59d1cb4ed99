import { Badge } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { CallStatus } from '../../../lib/api/types';
import { STATUS_COLORS } from '../status';

export function CallStatusBadge({ status, size = 'md' }: { status: CallStatus; size?: 'sm' | 'md' | 'lg' }) {
  const t = useMessages();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {t.calls.statuses[status]}
    </Badge>
  );
}
