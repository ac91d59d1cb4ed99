import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { makeCall } from '../../../test/calls';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { CallTransitionButton } from './CallTransitionButton';

async function confirmTransition(name: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByRole('button', { name }));
}

describe('CallTransitionButton', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('asks the server to open a draft, after a confirmation', async () => {
    const call = makeCall({ status: 'draft' });
    const seen = mockFetch(() => jsonResponse({ ...call, status: 'open', version: call.version + 1 }));
    renderWithProviders(<CallTransitionButton call={call} />);
    await confirmTransition('Open call');
    await screen.findByText('The call is open.');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/api/v1/calls/call-1/transitions');
    expect(seen[0]?.body).toEqual({ to: 'open' });
  });

  it('lists every reason a call cannot open, with the field each is about', async () => {
    mockFetch(() =>
      problemResponse(422, {
        title: 'Unprocessable Entity',
        detail: '2 field(s) are invalid: settings.full_stage.deadline_local, settings.funders',
        errors: [
          { field: 'settings.full_stage.deadline_local', code: 'in_the_past', message: 'The full deadline has passed.' },
          { field: 'settings.funders', code: 'required', message: 'A call needs at least one funder.' },
        ],
      }),
    );
    renderWithProviders(<CallTransitionButton call={makeCall()} />);
    await confirmTransition('Open call');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The call cannot open yet:');
    const items = within(alert).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Full proposal deadline: The full deadline has passed.',
      'Funders: A call needs at least one funder.',
    ]);
  });

  it('shows why closing was refused (409)', async () => {
    mockFetch(() =>
      problemResponse(409, {
        title: 'Conflict',
        detail: 'The call closes only after its last deadline.',
      }),
    );
    renderWithProviders(<CallTransitionButton call={makeCall({ status: 'open' })} />);
    await confirmTransition('Close call');
    expect(await screen.findByRole('alert')).toHaveTextContent('The call closes only after its last deadline.');
  });

  it('offers nothing once the call is decided', () => {
    renderWithProviders(<CallTransitionButton call={makeCall({ status: 'decided' })} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
