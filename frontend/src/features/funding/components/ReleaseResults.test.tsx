import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseResponse } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, renderWithProviders } from '../../../test/utils';
import { ReleaseResults } from './ReleaseResults';

const response: ReleaseResponse = {
  call_id: 'call-1',
  letters: 2,
  released_at: '2027-09-01T10:00:00Z',
  results: [{ proposal_id: 'p1', acronym: 'CARDIO', outcome: 'funded' }],
};

/** As on the funding page, which keeps the response: the call is decided from then on. */
function Page() {
  const [released, setReleased] = useState<ReleaseResponse | null>(null);
  return <ReleaseResults callId="call-1" timeZone="Europe/Luxembourg" result={released} onReleased={setReleased} />;
}

describe('ReleaseResults', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('releases after confirming and shows what was released instead of the button', async () => {
    const seen = mockFetch(() => jsonResponse(response));
    const user = userEvent.setup();
    renderWithProviders(<Page />);
    await user.click(screen.getByRole('button', { name: 'Release the results' }));
    await user.click(await screen.findByRole('button', { name: 'Release' }));
    expect(await screen.findByText('Results released: 2 letters queued.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'CARDIO' })).toHaveAttribute('href', '/proposals/p1/result');
    expect(seen[0]?.path).toBe('/api/v1/calls/call-1/release');
    expect(seen[0]?.body).toEqual({ allow_pending: false });
    expect(screen.queryByRole('button', { name: 'Release the results' })).not.toBeInTheDocument();
  });
});
