import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { ProfileForm } from './ProfileForm';

const ada: User = {
  id: 'u-ada',
  email: 'ada@example.org',
  full_name: 'Ada Applicant',
  roles: ['applicant'],
  agency: null,
  email_verified: true,
  language: 'en',
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
};

describe('ProfileForm', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('saves the name and the letters language with the version as If-Match', async () => {
    const seen = mockFetch(() => jsonResponse({ ...ada, language: 'fr', version: 4 }));
    renderWithProviders(<ProfileForm user={ada} />);
    const user = userEvent.setup();

    await user.click(screen.getByRole('radio', { name: 'Français' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Profile saved')).toBeInTheDocument();
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/v1/me');
    expect(put?.headers.get('If-Match')).toBe('"3"');
    expect(put?.body).toEqual({ full_name: 'Ada Applicant', language: 'fr' });
  });

  it('refuses an empty name before asking the server', async () => {
    const seen = mockFetch(() => jsonResponse(ada));
    renderWithProviders(<ProfileForm user={ada} />);
    const user = userEvent.setup();

    await user.clear(screen.getByRole('textbox', { name: /Full name/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('This field is required.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('says the account changed elsewhere on 412', async () => {
    mockFetch(() =>
      problemResponse(412, { title: 'Precondition Failed', detail: 'Someone else changed this resource.' }),
    );
    renderWithProviders(<ProfileForm user={ada} />);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Your account was changed elsewhere/)).toBeInTheDocument();
  });
});
