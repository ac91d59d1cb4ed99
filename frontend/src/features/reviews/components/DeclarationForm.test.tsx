import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { makeExpertAssignment } from '../../../test/reviews';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { DeclarationForm } from './DeclarationForm';

describe('DeclarationForm', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('declares no conflict after a confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const base = makeExpertAssignment();
    const cleared = makeExpertAssignment({
      content_open: true,
      assignment: { ...base.assignment, status: 'cleared', declared_at: '2026-10-02T10:00:00Z' },
    });
    const seen = mockFetch(() => jsonResponse(cleared));
    const user = userEvent.setup();
    renderWithProviders(<DeclarationForm assignmentId="asg-1" />);
    await user.click(screen.getByRole('button', { name: 'I have no conflict of interest' }));
    expect(await screen.findByText('Thank you: the proposal is open to you.')).toBeInTheDocument();
    expect(seen[0]?.path).toBe('/api/v1/assignments/asg-1/declaration');
    expect(seen[0]?.body).toEqual({ conflict: false });
  });

  it('declining needs a note: asked for before sending, and the server’s word shown at it', async () => {
    const seen = mockFetch(() =>
      problemResponse(422, { errors: [{ field: 'note', code: 'too_long', message: 'At most 2,000 characters.' }] }),
    );
    const user = userEvent.setup();
    renderWithProviders(<DeclarationForm assignmentId="asg-1" />);
    await user.click(screen.getByRole('button', { name: 'Decline: I have a conflict' }));
    await user.click(screen.getByRole('button', { name: 'Decline the assignment' }));
    expect(screen.getByRole('textbox', { name: /What is the conflict/ })).toHaveAccessibleDescription(
      expect.stringContaining('This field is required.'),
    );
    expect(seen).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: /What is the conflict/ }), 'I co-authored with the PI.');
    await user.click(screen.getByRole('button', { name: 'Decline the assignment' }));
    expect(await screen.findByText('At most 2,000 characters.')).toBeInTheDocument();
    expect(seen[0]?.body).toEqual({ conflict: true, note: 'I co-authored with the PI.' });
  });
});
