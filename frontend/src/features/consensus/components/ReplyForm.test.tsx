import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { makeReply } from '../../../test/reviews';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { countChars } from '../../../lib/text';
import { ReplyForm } from './ReplyForm';

describe('countChars', () => {
  it('counts characters as the server does, an emoji as one', () => {
    expect(countChars('abc')).toBe(3);
    expect(countChars('👍🏽')).toBe(2);
    expect(countChars('é')).toBe(1);
    expect('👍'.length).toBe(2);
    expect(countChars('👍')).toBe(1);
  });
});

describe('ReplyForm', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('counts characters live against the limit and refuses to save over it', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(makeReply()));
    renderWithProviders(<ReplyForm reply={makeReply({ max_chars: 20 })} timeZone="Europe/Luxembourg" />);
    expect(screen.getByTestId('char-count')).toHaveTextContent('0 / 20 characters');

    const box = screen.getByRole('textbox', { name: 'Your reply' });
    await user.type(box, 'We agree 👍');
    expect(screen.getByTestId('char-count')).toHaveTextContent('10 / 20 characters');
    expect(screen.getByRole('button', { name: 'Save the reply' })).toBeEnabled();

    await user.type(box, ' and we will fix it');
    expect(screen.getByTestId('char-count')).toHaveTextContent('29 / 20 characters');
    expect(screen.getAllByText('9 characters too many').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Save the reply' })).toBeDisabled();
    expect(seen).toHaveLength(0);
  });

  it('saves with If-Match and the text', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(makeReply({ text: 'Thanks.', version: 2 })));
    renderWithProviders(<ReplyForm reply={makeReply()} timeZone="Europe/Luxembourg" />);
    await user.type(screen.getByRole('textbox', { name: 'Your reply' }), 'Thanks.');
    await user.click(screen.getByRole('button', { name: 'Save the reply' }));
    expect(await screen.findByText('Reply saved')).toBeInTheDocument();
    expect(seen[0]?.method).toBe('PUT');
    expect(seen[0]?.headers.get('If-Match')).toBe('"1"');
    expect(seen[0]?.body).toEqual({ text: 'Thanks.' });
  });

  it('on 412 loads the colleague’s reply and keeps mine to put back', async () => {
    const user = userEvent.setup();
    mockFetch((req) =>
      req.method === 'PUT'
        ? problemResponse(412, { title: 'Precondition Failed' })
        : jsonResponse(makeReply({ text: 'Theirs.', version: 3 })),
    );
    renderWithProviders(<ReplyForm reply={makeReply()} timeZone="Europe/Luxembourg" />);
    await user.type(screen.getByRole('textbox', { name: 'Your reply' }), 'Mine.');
    await user.click(screen.getByRole('button', { name: 'Save the reply' }));
    expect(await screen.findByText(/Someone else in your consortium saved a reply/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Your reply' })).toHaveValue('Theirs.');
    await user.click(screen.getByRole('button', { name: 'Put my text back' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Your reply' })).toHaveValue('Mine.'));
  });

  it('is read-only once the window has closed', () => {
    renderWithProviders(
      <ReplyForm reply={makeReply({ open: false, text: 'Our answer.', closes_at: '2020-09-15T16:00:00Z' })} timeZone="Europe/Luxembourg" />,
    );
    expect(screen.getByText('The reply window is closed; your reply can no longer change.')).toBeInTheDocument();
    expect(screen.getByText('Our answer.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save the reply' })).not.toBeInTheDocument();
  });
});
