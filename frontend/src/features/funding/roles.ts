import type { Role } from '../../lib/api/types';
import { useMe } from '../../lib/auth/me';

/** Who reads funding plans, decisions and statistics: funders' staff, operators, administrators. */
export const FUNDING_ROLES = ['funder', 'operator', 'admin'] as const satisfies readonly Role[];

export function useCanSeeFunding(): boolean {
  const roles = useMe().data?.roles ?? [];
  return FUNDING_ROLES.some((role) => roles.includes(role));
}
