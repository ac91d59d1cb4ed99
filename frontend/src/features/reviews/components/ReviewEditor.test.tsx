import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { FULL_CRITERIA, makeReview } from '../../../test/reviews';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { ReviewEditor } from './ReviewEditor';

function renderEditor() {
  return renderWithProviders(<ReviewEditor assignmentId="asg-1" review={makeReview()} criteria={FULL_CRITERIA} />);
}

const status = () => screen.getByTestId('autosave-status');

// Typing through user-event is slow on a loaded machine; these stories type a few words each.
describe('ReviewEditor', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('offers every half point from 0 to 5 with its meaning, and picks one', async () => {
    mockFetch(() => jsonResponse(makeReview({ version: 5 })));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    const impact = screen.getByRole('radiogroup', { name: 'Score for Impact' });
    const steps = within(impact).getAllByRole('radio');
    expect(steps.map((s) => s.getAttribute('aria-label'))).toEqual([
      '0: Fails or cannot be assessed',
      '0.5: Between fails and poor',
      '1: Poor',
      '1.5: Between poor and fair',
      '2: Fair',
      '2.5: Between fair and good',
      '3: Good',
      '3.5: Between good and very good',
      '4: Very good',
      '4.5: Between very good and excellent',
      '5: Excellent',
    ]);
    // The meaning is on screen at each step, not only for assistive technology.
    expect(within(impact).getByText('Between good and very good')).toBeVisible();
    expect(within(impact).getByText('Not scored yet')).toBeInTheDocument();

    await user.click(within(impact).getByRole('radio', { name: '3.5: Between good and very good' }));
    expect(within(impact).getByRole('radio', { name: '3.5: Between good and very good' })).toHaveAttribute('aria-checked', 'true');
    // The draft's saved score shows as chosen.
    const excellence = screen.getByRole('radiogroup', { name: 'Score for Excellence' });
    expect(within(excellence).getByRole('radio', { name: '4: Very good' })).toHaveAttribute('aria-checked', 'true');
  });

  it('saves 1.5 s after the last change with If-Match, showing Not saved, then Saved', async () => {
    const seen = mockFetch(() => jsonResponse(makeReview({ version: 5 })));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    expect(status()).toHaveTextContent('Saved');
    const impact = screen.getByRole('radiogroup', { name: 'Score for Impact' });
    await user.click(within(impact).getByRole('radio', { name: '2.5: Between fair and good' }));
    await user.type(screen.getByRole('textbox', { name: 'Comment on Impact' }), 'Unclear.');
    expect(status()).toHaveTextContent('Not saved');
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await act(() => vi.advanceTimersByTimeAsync(1500));
    await waitFor(() => expect(status()).toHaveTextContent('Saved'));
    const puts = seen.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe('/api/v1/assignments/asg-1/review');
    expect(puts[0]?.headers.get('If-Match')).toBe('"4"');
    expect(puts[0]?.body).toMatchObject({
      scores: {
        excellence: { score: 4, comment: 'Strong science.' },
        impact: { score: 2.5, comment: 'Unclear.' },
        implementation: { score: null, comment: '' },
      },
    });
  });

  it('keeps Submit disabled while a save is on its way', async () => {
    let finish!: () => void;
    mockFetch(
      (req) =>
        new Promise<Response>((resolve) => {
          if (req.method === 'PUT') finish = () => resolve(jsonResponse(makeReview({ version: 5 })));
        }),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    const submit = screen.getByRole('button', { name: 'Submit the review' });
    expect(submit).toBeEnabled();
    await user.type(screen.getByRole('textbox', { name: 'Overall comment' }), 'Good.');
    await act(() => vi.advanceTimersByTimeAsync(1500));
    await waitFor(() => expect(status()).toHaveTextContent('Saving…'));
    expect(screen.getByRole('button', { name: 'Submit the review' })).toBeDisabled();
    act(() => finish());
    await waitFor(() => expect(status()).toHaveTextContent('Saved'));
    expect(screen.getByRole('button', { name: 'Submit the review' })).toBeEnabled();
  });

  it('shows each error of a refused submission next to its field', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const seen = mockFetch((req) =>
      req.path.endsWith('/review/submission')
        ? problemResponse(422, {
            title: 'Unprocessable Entity',
            detail: '3 field(s) are invalid',
            errors: [
              { field: 'overall_comment', code: 'required', message: 'Write an overall comment.' },
              { field: 'scores.impact.comment', code: 'required', message: 'Explain the score for Impact.' },
              { field: 'scores.implementation', code: 'required', message: 'Score Implementation.' },
            ],
          })
        : jsonResponse(makeReview()),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    await user.click(screen.getByRole('button', { name: 'Submit the review' }));

    expect(await screen.findByText(/The review cannot be submitted yet/)).toBeInTheDocument();
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/assignments/asg-1/review/submission']);
    expect(screen.getByRole('textbox', { name: 'Comment on Impact' })).toHaveAccessibleDescription(
      expect.stringContaining('Explain the score for Impact.'),
    );
    expect(within(screen.getByRole('group', { name: 'Implementation' })).getByText('Score Implementation.')).toBeInTheDocument();
    // Excellence is complete: nothing is marked there.
    expect(screen.getByRole('textbox', { name: 'Comment on Excellence' })).not.toHaveAccessibleDescription(
      expect.stringContaining('Explain the score for'),
    );
    expect(screen.getByRole('textbox', { name: 'Overall comment' })).toHaveAccessibleDescription(
      expect.stringContaining('Write an overall comment.'),
    );

    // Fixing a field takes its error away.
    await user.type(screen.getByRole('textbox', { name: 'Comment on Impact' }), 'Small market.');
    expect(screen.queryByText('Explain the score for Impact.')).not.toBeInTheDocument();
    expect(screen.getByText('Score Implementation.')).toBeInTheDocument();
  });

  it('on 412 loads the latest version and says so', async () => {
    const latest = makeReview({
      version: 9,
      content: { scores: { excellence: { score: 2, comment: 'From the other tab.' } }, overall_comment: '' },
    });
    mockFetch((req) => (req.method === 'PUT' ? problemResponse(412, { title: 'Precondition Failed' }) : jsonResponse(latest)));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    await user.type(screen.getByRole('textbox', { name: 'Comment on Excellence' }), ' More.');
    await act(() => vi.advanceTimersByTimeAsync(1500));
    expect(await screen.findByText(/saved from another window or tab/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Comment on Excellence' })).toHaveValue('From the other tab.');
    const excellence = screen.getByRole('radiogroup', { name: 'Score for Excellence' });
    expect(within(excellence).getByRole('radio', { name: '2: Fair' })).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(status()).toHaveTextContent('Saved'));
  });
});
