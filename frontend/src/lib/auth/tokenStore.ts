/**
 * The signed-in session: access and refresh token, kept in memory and
 * mirrored to localStorage so a reload keeps the user signed in.
 */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires (from `expires_in`). */
  expiresAt: number;
}

/** Why the last session ended; lets the sign-in page explain itself. */
export type EndReason = 'logout' | 'expired';

export interface SessionState {
  tokens: TokenPair | null;
  endReason: EndReason | null;
}

/** The token response of login and refresh, as sent by the API. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type?: string;
  expires_in: number;
}

export const STORAGE_KEY = 'jointcall.session';

type Listener = () => void;

function safeStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

function readStored(storage: Storage | null): TokenPair | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<TokenPair>;
    if (
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.expiresAt === 'number'
    ) {
      return { accessToken: value.accessToken, refreshToken: value.refreshToken, expiresAt: value.expiresAt };
    }
  } catch {
    // unreadable: treat as signed out
  }
  return null;
}

export class TokenStore {
  private state: SessionState;
  private readonly listeners = new Set<Listener>();
  private readonly storage: Storage | null;

  constructor(storage: Storage | null = safeStorage()) {
    this.storage = storage;
    this.state = { tokens: readStored(storage), endReason: null };
  }

  getState = (): SessionState => this.state;

  get accessToken(): string | null {
    return this.state.tokens?.accessToken ?? null;
  }

  get refreshToken(): string | null {
    return this.state.tokens?.refreshToken ?? null;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stores a new token pair (login or refresh: refresh tokens rotate). */
  setFromResponse(response: TokenResponse, now: number = Date.now()): void {
    this.set({
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      expiresAt: now + response.expires_in * 1000,
    });
  }

  set(tokens: TokenPair): void {
    this.state = { tokens, endReason: null };
    this.persist();
    this.emit();
  }

  /** Ends the session. `expired` makes the sign-in page say why. */
  clear(reason: EndReason = 'logout'): void {
    if (this.state.tokens === null && this.state.endReason === reason) return;
    this.state = { tokens: null, endReason: reason };
    this.persist();
    this.emit();
  }

  /** Picks up a sign-in or sign-out made in another tab. */
  syncFromStorage(): void {
    const stored = readStored(this.storage);
    const current = this.state.tokens;
    if (stored?.accessToken === current?.accessToken && stored?.refreshToken === current?.refreshToken) return;
    this.state = { tokens: stored, endReason: stored ? null : 'logout' };
    this.emit();
  }

  private persist(): void {
    if (!this.storage) return;
    try {
      if (this.state.tokens) this.storage.setItem(STORAGE_KEY, JSON.stringify(this.state.tokens));
      else this.storage.removeItem(STORAGE_KEY);
    } catch {
      // storage full or disabled: the in-memory session still works
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The one session of the running app. */
export const tokenStore = new TokenStore();
