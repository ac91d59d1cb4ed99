import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../lib/queryClient';
import { makeExpertAssignment } from '../../../test/reviews';
import { myAssignmentsQueryKey } from '../../../lib/queryKeys/reviews';
import { patchMyAssignment } from './patchMyAssignment';
import type { ExpertAssignment } from '../../../lib/api/types';

describe('patchMyAssignment', () => {
  it('updates the one assignment in the cached list at once and marks the list stale', async () => {
    const queryClient = createQueryClient();
    const mine = makeExpertAssignment();
    const other = makeExpertAssignment({ acronym: 'OTHER', assignment: { ...mine.assignment, id: 'asg-2' } });
    queryClient.setQueryData(myAssignmentsQueryKey, [mine, other]);
    expect(queryClient.getQueryState(myAssignmentsQueryKey)?.isInvalidated).toBe(false);

    await patchMyAssignment(queryClient, 'asg-1', { review_status: 'draft' });

    const list = queryClient.getQueryData<ExpertAssignment[]>(myAssignmentsQueryKey);
    expect(list?.map((a) => [a.acronym, a.review_status])).toEqual([
      ['CARDIO', 'draft'],
      ['OTHER', null],
    ]);
    // The next showing of "My reviews" reads the server's list, not a 30-second-old copy.
    expect(queryClient.getQueryState(myAssignmentsQueryKey)?.isInvalidated).toBe(true);
  });

  it('leaves a list that was never loaded alone', async () => {
    const queryClient = createQueryClient();
    await patchMyAssignment(queryClient, 'asg-1', { review_status: 'submitted' });
    expect(queryClient.getQueryData(myAssignmentsQueryKey)).toBeUndefined();
  });
});
