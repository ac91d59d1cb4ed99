import { Badge } from '@mantine/core';
import { useMessages } from '../i18n/index';
import type { ProposalStatus } from '../lib/api/types';

const COLORS: Record<ProposalStatus, string> = {
  draft: 'gray',
  submitted: 'green',
  withdrawn: 'orange',
  eligible: 'teal',
  ineligible: 'red',
};

export function ProposalStatusBadge({ status, size = 'sm' }: { status: ProposalStatus; size?: 'sm' | 'lg' }) {
  const t = useMessages();
  return (
    <Badge color={COLORS[status]} variant="light" size={size}>
      {t.proposals.statuses[status]}
    </Badge>
  );
}
