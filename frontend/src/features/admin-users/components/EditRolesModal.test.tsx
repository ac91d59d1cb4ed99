import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { EditRolesModal } from './EditRolesModal';

const bob: User = {
  id: 'u-bob',
  email: 'bob@example.org',
  full_name: 'Bob Reviewer',
  roles: ['applicant'],
  agency: null,
  email_verified: true,
  language: 'en',
  version: 7,
  created_at: '2026-01-01T00:00:00Z',
};

describe('EditRolesModal', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('sends the roles with If-Match carrying the version as ETag', async () => {
    const seen = mockFetch(() => jsonResponse({ ...bob, roles: ['applicant', 'reviewer'], version: 8 }));
    const onClose = vi.fn();
    renderWithProviders(<EditRolesModal user={bob} onClose={onClose} />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Reviewer' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/v1/users/u-bob/roles');
    expect(put?.headers.get('If-Match')).toBe('"7"');
    expect(put?.headers.get('Authorization')).toBe('Bearer acc');
    expect(put?.body).toEqual({ roles: ['applicant', 'reviewer'], agency: null });
  });

  it('says someone else changed the user on 412', async () => {
    mockFetch(() =>
      problemResponse(412, {
        title: 'Precondition Failed',
        detail: 'Someone else changed this resource since you loaded it; reload it and apply your change again.',
      }),
    );
    const onClose = vi.fn();
    renderWithProviders(<EditRolesModal user={bob} onClose={onClose} />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Operator' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('This user was changed by someone else; reload and reapply.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('asks for an agency when the funder role is chosen', async () => {
    const seen = mockFetch(() => jsonResponse(bob));
    renderWithProviders(<EditRolesModal user={bob} onClose={() => {}} />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Funder' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('A funder must belong to an agency.')).toBeInTheDocument();
    expect(seen).toHaveLength(0);
  });
});
