import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { LoginForm } from './LoginForm';

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email/i), email);
  await user.type(screen.getByLabelText(/^password/i), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  beforeEach(() => {
    tokenStore.clear('logout');
  });

  it('shows each errors[] entry next to the field it names', async () => {
    const seen = mockFetch(() =>
      problemResponse(422, {
        type: 'https://jointcall.example/problems/validation-failed',
        title: 'Unprocessable Entity',
        detail: '2 field(s) are invalid: email, password',
        errors: [
          { field: 'email', code: 'invalid_format', message: 'This address has no valid domain.' },
          { field: 'password', code: 'too_long', message: 'A password has at most 256 characters.' },
        ],
      }),
    );
    renderWithProviders(<LoginForm />);

    await submit('ada@example.org', 'secret-password');

    const email = screen.getByLabelText(/email/i);
    const password = screen.getByLabelText(/^password/i);
    expect(await screen.findByText('This address has no valid domain.')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('This address has no valid domain.');
    expect(password).toHaveAccessibleDescription('A password has at most 256 characters.');
    // The errors are attached to fields, so the summary detail is not repeated.
    expect(screen.queryByText(/field\(s\) are invalid/)).not.toBeInTheDocument();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toEqual({ email: 'ada@example.org', password: 'secret-password' });
    expect(tokenStore.accessToken).toBeNull();
  });

  it('tells the user how long to wait after 429 Too Many Requests', async () => {
    mockFetch(() =>
      problemResponse(
        429,
        { title: 'Too Many Requests', detail: 'Too many attempts; try again in 37 seconds.' },
        { 'Retry-After': '37' },
      ),
    );
    renderWithProviders(<LoginForm />);

    await submit('ada@example.org', 'secret-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 37 seconds.');
  });

  it('says the credentials are wrong on 401, without trying to refresh', async () => {
    const seen = mockFetch(() =>
      problemResponse(401, { title: 'Unauthorized', detail: 'The email or the password is wrong.' }),
    );
    renderWithProviders(<LoginForm />);

    await submit('ada@example.org', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(seen.map((r) => r.path)).toEqual(['/api/v1/auth/login']);
  });

  it('checks the fields before sending anything', async () => {
    const seen = mockFetch(() => jsonResponse({}));
    renderWithProviders(<LoginForm />);

    await submit('not-an-email', 'x');

    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(seen).toHaveLength(0);
  });

  it('stores the token pair and reports success', async () => {
    mockFetch(() =>
      jsonResponse({ access_token: 'acc', refresh_token: 'ref', token_type: 'Bearer', expires_in: 900 }),
    );
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await submit('ada@example.org', 'secret-password');

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(tokenStore.accessToken).toBe('acc');
    expect(tokenStore.refreshToken).toBe('ref');
  });

  it('explains that the session expired when it was ended by a failed refresh', () => {
    tokenStore.clear('expired');
    renderWithProviders(<LoginForm />);
    expect(screen.getByText('Your session has expired, please sign in again.')).toBeInTheDocument();
  });
});
