/**
 * The authenticator app of every person in the story: the secret each
 * enrolled in the SPA, and the six-digit code it shows (otpauth, RFC 6238).
 *
 * Codes follow the server's clock, which step 7 moves forward
 * (`followServerClock`). Each code is accepted once, so a second sign-in in
 * the same 30 s waits for the next code, as a person would.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD_MS = 30_000;
const secrets = new Map<string, string>();
const lastStep = new Map<string, number>();
let serverOffsetMs = 0;

/** Keeps the secret shown at enrolment, as the app does when the QR code is scanned. */
export function rememberSecret(email: string, secret: string) {
  secrets.set(email, secret);
  lastStep.delete(email);
}

export function hasAuthenticator(email: string): boolean {
  return secrets.has(email);
}

/** The server's clock was set to `now`: codes follow it from here on. */
export function followServerClock(now: Date) {
  serverOffsetMs = now.getTime() - Date.now();
}

/** The next code `email`'s app shows that the server has not seen yet. */
export async function nextCode(email: string): Promise<string> {
  const secret = secrets.get(email);
  if (!secret) throw new Error(`${email} has no authenticator enrolled in this story`);
  let now = Date.now() + serverOffsetMs;
  const used = lastStep.get(email) ?? -1;
  if (Math.floor(now / PERIOD_MS) <= used) {
    await new Promise((resolve) => setTimeout(resolve, (used + 1) * PERIOD_MS - now + 500));
    now = Date.now() + serverOffsetMs;
  }
  lastStep.set(email, Math.floor(now / PERIOD_MS));
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: now });
}
