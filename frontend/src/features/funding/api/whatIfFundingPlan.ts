import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { WhatIfBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export interface WhatIfInput {
  callId: string;
  body: WhatIfBody;
}

/** The plan under other envelopes or reduced grants; nothing is stored. 422: a change is out of bounds. */
export function whatIfFundingPlan({ callId, body }: WhatIfInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/funding-plan/what-if', { params: { path: { id: callId } }, body }));
}

export function useWhatIfFundingPlan() {
  return useMutation({ mutationFn: whatIfFundingPlan });
}
