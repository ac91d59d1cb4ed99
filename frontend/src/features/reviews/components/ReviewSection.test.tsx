import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { FULL_CRITERIA, makeExpertAssignment, makeReview } from '../../../test/reviews';
import { jsonResponse, mockFetch, renderWithProviders } from '../../../test/utils';
import { useAssignment } from '../api/getAssignment';
import { ReviewSection } from './ReviewSection';

/** As on the assignment page: the assignment is shown too, and refetched after the submission. */
function AssignmentPage() {
  const assignment = useAssignment('asg-1');
  return (
    <>
      <p>{assignment.data?.acronym}</p>
      <ReviewSection assignmentId="asg-1" criteria={FULL_CRITERIA} timeZone="Europe/Luxembourg" />
    </>
  );
}

describe('ReviewSection', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('says "Review submitted" although the submitted review replaces the editor', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const submitted = makeReview({ status: 'submitted', version: 5, submitted_at: '2027-08-02T10:00:00Z' });
    const seen = mockFetch(async ({ method, path }) => {
      if (method === 'POST' && path.endsWith('/review/submission')) return jsonResponse(submitted);
      if (path === '/api/v1/assignments/asg-1') {
        // The refetch after the submission takes a while: the editor is gone before it ends.
        if (seen.some((r) => r.method === 'POST')) await new Promise((resolve) => setTimeout(resolve, 300));
        return jsonResponse(makeExpertAssignment({ content_open: true }));
      }
      if (path.endsWith('/review/versions')) return jsonResponse([]);
      if (path.endsWith('/peer-reviews')) return jsonResponse({ you_are: 'Expert A', reviews: [] });
      return jsonResponse(makeReview());
    });
    const user = userEvent.setup();
    renderWithProviders(<AssignmentPage />);
    await user.click(await screen.findByRole('button', { name: 'Submit the review' }));

    expect(await screen.findByText(/^Submitted on .*It cannot change any more\.$/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit the review' })).not.toBeInTheDocument();
    expect(await screen.findByText('Review submitted')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/v1/assignments/asg-1/review/submission']);
  });
});
