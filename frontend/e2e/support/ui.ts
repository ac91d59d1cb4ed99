import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS_DIR, BASE_URL } from '../env';
import { nextCode, rememberSecret } from './authenticator';

/** One person in the story: their own browser context (own session cookies and storage). */
export interface Actor {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
}

export async function newActor(
  browser: Browser,
  person: { name: string; email: string; password: string },
): Promise<Actor> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'en-GB',
    timezoneId: 'Europe/Luxembourg',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  return { ...person, context, page };
}

/** A full-page screenshot kept as an artefact: e2e-artifacts/<step>.png. */
export async function snap(page: Page, step: string) {
  // From the top, so that the fixed header sits above the page and not halfway down it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${step}.png`), fullPage: true });
}

/**
 * Signs in through the sign-in page (the caller is on it, or gets sent to it),
 * with the authenticator's code when the account has one. Staff without one
 * are sent to set it up first: they enrol here, as a person would, with
 * `atEnrolment` called on each screen of it (for screenshots and axe).
 */
export async function signIn(actor: Actor, atEnrolment?: (screen: 'scan' | 'recovery-codes') => Promise<void>) {
  const { page } = actor;
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(actor.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(actor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeField = page.getByRole('textbox', { name: 'Code' });
  const signedIn = page.getByText(`Signed in as ${actor.name}`);
  await expect(codeField.or(signedIn).first()).toBeVisible();
  if (await codeField.isVisible()) {
    await codeField.fill(await nextCode(actor.email));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await expect(signedIn).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  // The page behind the sign-in (or the set-up staff are sent to) is there once it has a title.
  const title = page.getByRole('main').getByRole('heading', { level: 1 });
  await expect(title).toBeVisible();
  if ((await title.textContent()) === 'Set up two-step sign-in') await enrolAuthenticator(actor, atEnrolment);
}

/** Sets up two-step sign-in on the page staff are sent to, reading the key as a person types it. */
export async function enrolAuthenticator(
  actor: Actor,
  atEnrolment?: (screen: 'scan' | 'recovery-codes') => Promise<void>,
) {
  const { page } = actor;
  await page.getByRole('main').getByRole('textbox', { name: 'Password' }).fill(actor.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('img', { name: 'QR code of your authenticator secret' })).toBeVisible();
  rememberSecret(actor.email, (await page.getByTestId('totp-secret').textContent()) ?? '');
  await atEnrolment?.('scan');
  await page.getByRole('textbox', { name: 'Code' }).fill(await nextCode(actor.email));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await atEnrolment?.('recovery-codes');
  await page.getByRole('button', { name: 'I have kept these codes' }).click();
  await expect(page.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeHidden();
}

export async function signOut(actor: Actor) {
  await actor.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(actor.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** The Mantine Select labelled `label` inside `scope`: a combobox with a listbox of options. */
export function select(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('combobox', { name: label });
}

/** Picks `option` in the Select labelled `label` inside `scope`. */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
  const input = select(scope, label);
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(input).toHaveValue(option);
}
