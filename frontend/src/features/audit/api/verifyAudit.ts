import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

/** Recomputes every link of the chain (the same check as `jointcall verify-audit`). */
export function verifyAudit() {
  return unwrap(api.GET('/api/v1/audit/verification'));
}

/** A mutation rather than a query: it is an action the admin asks for, not data kept on screen. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: verifyAudit });
}
