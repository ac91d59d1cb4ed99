import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ApiError } from '../lib/problem';
import { acceptErrorMessage } from './InvitationPage';

describe('acceptErrorMessage', () => {
  it('explains an invitation for another address with the signed-in email', () => {
    const error = new ApiError(403, {
      type: 'https://jointcall.eu/problems/invitation-for-another-address', code: 'invitation-for-another-address',
      title: 'Forbidden',
      detail: 'x',
    });
    expect(acceptErrorMessage(error, en, 'me@example.org')).toContain('You are signed in as me@example.org');
  });

  it('explains a used or expired token', () => {
    const error = new ApiError(422, { title: 'Unprocessable', detail: 'token expired', errors: [{ field: 'token', message: 'expired' }] });
    expect(acceptErrorMessage(error, en, undefined)).toBe(en.invitations.invalidToken);
  });

  it('keeps the server message for an organisation problem', () => {
    const error = new ApiError(422, {
      title: 'Unprocessable',
      errors: [{ field: 'organisation_id', message: 'You are not affiliated with this organisation.' }],
    });
    expect(acceptErrorMessage(error, en, undefined)).toBe('You are not affiliated with this organisation.');
  });

  it('says the expert pool’s own sentence for a used or expired expert invitation', () => {
    const error = new ApiError(422, { title: 'Unprocessable', errors: [{ field: 'token', message: 'expired' }] });
    expect(acceptErrorMessage(error, en, undefined, en.expertInvitations.invalidToken)).toBe(en.expertInvitations.invalidToken);
  });
});
