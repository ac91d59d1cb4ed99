/**
 * The signed-in session as the page holds it: the access token, in memory
 * only. The refresh token lives in an HttpOnly cookie the page cannot read
 * (see `refreshSession`); a reload or a new tab gets a new access token from
 * it (`restoreSession`), and tabs tell each other of sign-in and sign-out.
 */
export interface TokenPair {
  accessToken: string;
  /** Epoch milliseconds when the access token expires (from `expires_in`). */
  expiresAt: number;
}

/** Why the last session ended; lets the sign-in page explain itself. */
export type EndReason = 'logout' | 'expired';

export interface SessionState {
  tokens: TokenPair | null;
  endReason: EndReason | null;
  /** True while a reload asks the server whether the browser still has a session. */
  restoring: boolean;
}

/** The token response of login and refresh, as sent by the API. */
export interface TokenResponse {
  access_token: string;
  /** Also in the HttpOnly cookie; the page does not keep it. */
  refresh_token?: string;
  token_type?: string;
  expires_in: number;
}

type Listener = () => void;

export class TokenStore {
  private state: SessionState = { tokens: null, endReason: null, restoring: false };
  private readonly listeners = new Set<Listener>();

  getState = (): SessionState => this.state;

  get accessToken(): string | null {
    return this.state.tokens?.accessToken ?? null;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stores a new access token (sign-in or refresh). */
  setFromResponse(response: TokenResponse, now: number = Date.now()): void {
    this.set({ accessToken: response.access_token, expiresAt: now + response.expires_in * 1000 });
  }

  set(tokens: TokenPair): void {
    this.state = { tokens, endReason: null, restoring: false };
    this.emit();
  }

  /** Ends the session here. `expired` makes the sign-in page say why. */
  clear(reason: EndReason = 'logout'): void {
    if (this.state.tokens === null && this.state.endReason === reason && !this.state.restoring) return;
    this.state = { tokens: null, endReason: reason, restoring: false };
    this.emit();
  }

  setRestoring(restoring: boolean): void {
    if (this.state.restoring === restoring) return;
    this.state = { ...this.state, restoring };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The one session of the running app. */
export const tokenStore = new TokenStore();
