import type { CallStatus, Role } from '../../lib/api/types';
import { useMe } from '../../lib/auth/me';

const NEXT: Record<CallStatus, Exclude<CallStatus, 'draft'> | null> = {
  draft: 'open',
  open: 'closed',
  closed: 'in_evaluation',
  in_evaluation: 'decided',
  decided: null,
};

/** The status a call moves to next, or null once decided. */
export function nextStatus(status: CallStatus): Exclude<CallStatus, 'draft'> | null {
  return NEXT[status];
}

/** Drafts change freely; open calls while they stay fit to be open; later never. */
export function isEditable(status: CallStatus): boolean {
  return status === 'draft' || status === 'open';
}

export const STATUS_COLORS: Record<CallStatus, string> = {
  draft: 'gray',
  open: 'green',
  closed: 'orange',
  in_evaluation: 'violet',
  decided: 'blue',
};

export const CALL_MANAGER_ROLES = ['operator', 'admin'] as const satisfies readonly Role[];

/** Whether the signed-in user may create, edit and move calls (the server decides in the end). */
export function useCanManageCalls(): boolean {
  const me = useMe();
  const roles = me.data?.roles ?? [];
  return CALL_MANAGER_ROLES.some((role) => roles.includes(role));
}
