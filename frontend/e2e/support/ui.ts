import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS_DIR, BASE_URL } from '../env';

/** One person in the story: their own browser context (own session, own localStorage). */
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

/** Signs in through the sign-in page (the caller is on it, or gets sent to it). */
export async function signIn(actor: Actor) {
  const { page } = actor;
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(actor.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(actor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${actor.name}`)).toBeVisible();
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
