/** Where an invitation link waits while its invitee signs in or registers. */
export const PENDING_INVITATION_KEY = 'jointcall.pendingInvitation';

/** The saved invitation path, if it is a same-app path to the acceptance page. */
export function pendingInvitationPath(): string | null {
  try {
    const value = window.localStorage.getItem(PENDING_INVITATION_KEY);
    return value && value.startsWith('/invitations/accept?') ? value : null;
  } catch {
    return null;
  }
}
