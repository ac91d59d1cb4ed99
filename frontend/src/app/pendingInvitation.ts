/** Where an invitation link waits while its invitee signs in or registers. */
export const PENDING_INVITATION_KEY = 'jointcall.pendingInvitation';

/** The acceptance pages an invitation mail links to (a proposal's consortium, a call's expert pool). */
const ACCEPTANCE_PAGES = ['/invitations/accept?', '/expert-invitations/accept?'];

/** The saved invitation path, if it is a same-app path to an acceptance page. */
export function pendingInvitationPath(): string | null {
  try {
    const value = window.localStorage.getItem(PENDING_INVITATION_KEY);
    return value && ACCEPTANCE_PAGES.some((page) => value.startsWith(page)) ? value : null;
  } catch {
    return null;
  }
}

/** Remembers an acceptance page while its invitee signs in or registers. */
export function rememberPendingInvitation(path: string) {
  window.localStorage.setItem(PENDING_INVITATION_KEY, path);
}

/** Once accepted, signing in goes where it normally goes again. */
export function forgetPendingInvitation() {
  window.localStorage.removeItem(PENDING_INVITATION_KEY);
}
