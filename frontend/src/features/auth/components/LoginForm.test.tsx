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
        type: 'https://jointcall.example/problems/validation-failed', code: 'validation-failed',
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
  });

  it('asks for the code when the account has two-step sign-in, and signs in with it', async () => {
    let secondSteps = 0;
    const seen = mockFetch((request) => {
      if (request.path === '/api/v1/auth/login') {
        return jsonResponse({ second_factor_required: true, challenge: 'chal-1', expires_in: 300 });
      }
      secondSteps += 1;
      return secondSteps === 1
        ? problemResponse(401, {
            type: 'https://jointcall.eu/problems/wrong-code', code: 'wrong-code',
            title: 'Unauthorized',
            detail: 'The code is not right.',
          })
        : jsonResponse({ access_token: 'acc2', refresh_token: 'ref2', token_type: 'Bearer', expires_in: 900 });
    });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await submit('ada@example.org', 'secret-password');
    const code = await screen.findByRole('textbox', { name: /code/i });
    // The password alone signs no one in.
    expect(tokenStore.accessToken).toBeNull();
    expect(onSuccess).not.toHaveBeenCalled();

    const user = userEvent.setup();
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(
      await screen.findByText('The code is not right. Enter the one your app shows now, or a recovery code.'),
    ).toBeInTheDocument();
    expect(tokenStore.accessToken).toBeNull();

    await user.type(screen.getByRole('textbox', { name: /code/i }), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(tokenStore.accessToken).toBe('acc2');
    expect(seen.map((r) => [r.path, r.body])).toEqual([
      ['/api/v1/auth/login', { email: 'ada@example.org', password: 'secret-password' }],
      ['/api/v1/auth/login/second-factor', { challenge: 'chal-1', code: '123456' }],
      ['/api/v1/auth/login/second-factor', { challenge: 'chal-1', code: '654321' }],
    ]);
  });

  it('sends the person back to the password when the sign-in expired', async () => {
    mockFetch((request) =>
      request.path === '/api/v1/auth/login'
        ? jsonResponse({ second_factor_required: true, challenge: 'chal-1', expires_in: 300 })
        : problemResponse(401, {
            type: 'https://jointcall.eu/problems/sign-in-expired', code: 'sign-in-expired',
            title: 'Unauthorized',
            detail: 'expired',
          }),
    );
    renderWithProviders(<LoginForm />);
    await submit('ada@example.org', 'secret-password');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /code/i }), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-in has expired. Enter your password again.');
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(screen.getByLabelText(/^password/i)).toHaveValue('');
  });

  it('explains that the session expired when it was ended by a failed refresh', () => {
    tokenStore.clear('expired');
    renderWithProviders(<LoginForm />);
    expect(screen.getByText('Your session has expired, please sign in again.')).toBeInTheDocument();
  });
});
