import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProposal } from '../../../test/proposals';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { ProposalOverviewForm } from './ProposalOverviewForm';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ProposalOverviewForm', () => {
  it('on 412 keeps my input, loads the latest version, shows what changed and saves my input against it', async () => {
    const user = userEvent.setup();
    const theirs = makeProposal({ version: 8, title: 'Their new title', abstract: 'Their abstract' });
    let putCount = 0;
    const seen = mockFetch((req) => {
      if (req.method === 'PUT') {
        putCount += 1;
        if (putCount === 1) return problemResponse(412, { title: 'Precondition Failed', detail: 'Stale.' });
        return jsonResponse({ ...theirs, ...(req.body as object), version: 9 });
      }
      if (req.method === 'GET' && req.path === '/api/v1/proposals/prop-1') return jsonResponse(theirs);
      throw new Error(`unexpected ${req.method} ${req.path}`);
    });
    renderWithProviders(<ProposalOverviewForm proposal={makeProposal()} editable />);

    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'My better title');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Someone else changed this proposal/)).toBeInTheDocument();
    // My input is still there.
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('My better title');
    expect(seen[0]?.headers.get('If-Match')).toBe('"7"');

    await user.click(screen.getByRole('button', { name: 'Load the latest version' }));
    expect(await screen.findByTestId('theirs-title')).toHaveTextContent('Saved by someone else: Their new title');
    // A field I did not touch takes their value, so saving again does not undo their change.
    expect(screen.queryByTestId('theirs-abstract')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Abstract' })).toHaveValue('Their abstract');
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('My better title');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(putCount).toBe(2));
    const second = seen.filter((r) => r.method === 'PUT')[1];
    expect(second?.headers.get('If-Match')).toBe('"8"');
    expect((second?.body as { title: string }).title).toBe('My better title');
    expect((second?.body as { abstract: string }).abstract).toBe('Their abstract');
    expect(await screen.findByText('Proposal saved')).toBeInTheDocument();
  });

  it('shows 422 errors at the clinical field they name, and unknown ones above the form', async () => {
    const user = userEvent.setup();
    mockFetch(() =>
      problemResponse(422, {
        title: 'Unprocessable',
        detail: 'Invalid.',
        errors: [
          { field: 'clinical.trial_registration', code: 'invalid_format', message: 'Not a registry number.' },
          { field: 'keywords[1]', code: 'too_long', message: 'Keyword too long.' },
          { field: 'mystery', code: 'x', message: 'Something else.' },
        ],
      }),
    );
    renderWithProviders(<ProposalOverviewForm proposal={makeProposal()} editable />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not a registry number.')).toBeInTheDocument();
    expect(screen.getByText('Keyword too long.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Something else.');
  });
});
