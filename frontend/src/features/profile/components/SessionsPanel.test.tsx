import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { SessionsPanel } from './SessionsPanel';

describe('SessionsPanel', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('ends every session after a confirmation and forgets the tokens here', async () => {
    const seen = mockFetch(() => new Response(null, { status: 204 }));
    renderWithProviders(<SessionsPanel />);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(seen).toHaveLength(0);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('this one included, will be signed out now');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    await expect.poll(() => tokenStore.accessToken).toBeNull();
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /api/v1/me/sessions']);
  });

  it('keeps the session and says why when the server refuses', async () => {
    mockFetch(() => problemResponse(409, { detail: "The service is temporarily unavailable; please retry shortly." }));
    renderWithProviders(<SessionsPanel />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    const dialogs = await screen.findAllByRole('dialog');
    const dialog = dialogs[dialogs.length - 1]!;
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    expect(await within(dialog).findByText(/temporarily unavailable/)).toBeInTheDocument();
    expect(tokenStore.accessToken).not.toBeNull();
  });
});
