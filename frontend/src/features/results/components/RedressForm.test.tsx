import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { RedressCounter, RedressTextForm } from './RedressForm';

const filed = { proposal_id: 'p1', text: 'The rule was not applied.', filed_at: '2026-11-01T10:00:00Z' };

describe('RedressCounter', () => {
  it('counts code points against 5,000 and says how many are too many', () => {
    const first = renderWithProviders(<RedressCounter text="👍 ok" />);
    expect(screen.getByTestId('redress-count')).toHaveTextContent('4 / 5,000 characters');
    expect(screen.queryByText(/too many/)).not.toBeInTheDocument();
    first.unmount();
    renderWithProviders(<RedressCounter text={'x'.repeat(5002)} />);
    expect(screen.getByTestId('redress-count')).toHaveTextContent('5,002 / 5,000 characters');
    expect(screen.getByText('2 characters too many')).toBeInTheDocument();
  });
});

describe('RedressTextForm', { timeout: 20_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('counts live and refuses to file over 5,000 characters', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(filed, { status: 201 }));
    renderWithProviders(<RedressTextForm proposalId="p1" mode="file" />);
    const box = screen.getByRole('textbox', { name: 'Your request' });
    await user.type(box, 'Hello');
    expect(screen.getByTestId('redress-count')).toHaveTextContent('5 / 5,000 characters');
    await user.clear(box);
    await user.click(box);
    await user.paste('y'.repeat(5001));
    expect(screen.getByTestId('redress-count')).toHaveTextContent('5,001 / 5,000 characters');
    expect(screen.getByRole('button', { name: 'File the request' })).toBeDisabled();
    expect(seen).toHaveLength(0);
  });

  it('files the text once and says so', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(filed, { status: 201 }));
    renderWithProviders(<RedressTextForm proposalId="p1" mode="file" />);
    await user.type(screen.getByRole('textbox', { name: 'Your request' }), 'The rule was not applied.');
    await user.click(screen.getByRole('button', { name: 'File the request' }));
    expect(await screen.findByText('Redress request filed; the operators are mailed.')).toBeInTheDocument();
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/api/v1/proposals/p1/redress');
    expect(seen[0]?.body).toEqual({ text: 'The rule was not applied.' });
  });

  it('shows a 409 redress-period-over readably', async () => {
    const user = userEvent.setup();
    mockFetch(() => problemResponse(409, { type: 'https://jointcall.eu/problems/redress-period-over', code: 'redress-period-over', detail: 'over' }));
    renderWithProviders(<RedressTextForm proposalId="p1" mode="file" />);
    await user.type(screen.getByRole('textbox', { name: 'Your request' }), 'Late.');
    await user.click(screen.getByRole('button', { name: 'File the request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The period to ask for a redress is over.');
  });

  it('asks for some text first', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(filed));
    renderWithProviders(<RedressTextForm proposalId="p1" mode="answer" />);
    await user.click(screen.getByRole('button', { name: 'Send the answer' }));
    expect(screen.getByText('Write the answer first.')).toBeInTheDocument();
    expect(seen).toHaveLength(0);
  });
});
