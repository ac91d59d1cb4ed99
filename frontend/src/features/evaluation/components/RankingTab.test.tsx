import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Criterion, RankedProposal, Ranking } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, renderWithProviders } from '../../../test/utils';
import { makeProposal } from '../../../test/proposals';
import { RankingTab } from './RankingTab';

const criteria: Criterion[] = [
  { key: 'excellence', label: 'Excellence', stage: 'outline', weight: 1, threshold: 4 },
  { key: 'impact', label: 'Impact', stage: 'outline', weight: 1, threshold: 4 },
];

function ranked(acronym: string, score: number, passed: boolean): RankedProposal {
  return {
    rank: 1,
    proposal_id: `id-${acronym}`,
    acronym,
    title: `${acronym} title`,
    weighted_total: score * 2,
    total: score * 2,
    scores: { excellence: score, impact: score },
    passed,
    failed_criteria: passed ? [] : ['excellence', 'impact'],
    tied_with_previous: false,
    invited_to_full: false,
  };
}

const ranking: Ranking = {
  call_id: 'call-1',
  stage: 'outline',
  main_list: [ranked('HIGH', 4.5, true)],
  below_threshold: [ranked('LOW', 3, false)],
  pending: [],
};

describe('RankingTab, outline stage', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('invites an outline below the thresholds only with a written reason, which it sends', async () => {
    const seen = mockFetch((request) =>
      request.method === 'POST'
        ? jsonResponse(makeProposal({ id: 'id-LOW', stage: 'full', invited_to_full: true }))
        : jsonResponse(ranking),
    );
    const user = userEvent.setup();
    renderWithProviders(<RankingTab callId="call-1" stage="outline" criteria={criteria} />);
    const buttons = await screen.findAllByRole('button', { name: 'Invite to full stage' });
    expect(buttons).toHaveLength(2);

    await user.click(buttons[1]!);
    expect(await screen.findByText('This outline is not on the main list. It reaches the full stage only with a written reason, which the audit log keeps.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Invite with this reason' }));
    expect(await screen.findByText('Give the reason for inviting this outline.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText(/Reason/), 'A rare disease; the panel asked for it.');
    await user.click(screen.getByRole('button', { name: 'Invite with this reason' }));
    const posts = await vi.waitFor(() => {
      const found = seen.filter((r) => r.method === 'POST');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(posts[0]?.path).toBe('/api/v1/proposals/id-LOW/invitation');
    expect(posts[0]?.body).toEqual({ override_reason: 'A rare disease; the panel asked for it.' });
  });
});
