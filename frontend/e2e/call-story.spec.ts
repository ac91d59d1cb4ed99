/**
 * The story of one call, told through the browser against the real server
 * (fresh SQLite database, real SMTP sink; see global-setup.ts), as far as the
 * portal goes today:
 *
 *  1. the administrator signs in and makes a newly registered user an operator;
 *  2. the operator sets up a call in the call editor (one review per proposal,
 *     no right to reply, to keep the story short) and opens it;
 *  3. a coordinator registers (verifying the address with the mailed link)
 *     and starts a proposal for a new company;
 *  4. the coordinator invites a partner by email;
 *  5. the partner follows the mailed invitation link, registers, accepts for a
 *     new research organisation and fills its budget;
 *  6. the coordinator fills the fields and the budget, uploads the required
 *     PDFs, sees an empty checklist, submits and reads the receipt (also mailed);
 *  7. the server clock is moved past the deadline and the operator closes the call;
 *  8. the operator starts the evaluation and confirms the proposal eligible
 *     (the consortium is mailed);
 *  9. the operator invites an expert to the call's pool; the expert follows the
 *     mailed link, registers, verifies the address, accepts and becomes a reviewer;
 * 10. the operator auto-assigns: the solver's report shows the one assignment;
 * 11. the expert sees acronym, title and partners only, declares no conflict of
 *     interest, reads the proposal, scores every criterion (autosaved) and submits;
 * 12. the operator names the expert rapporteur, who writes the consensus report;
 * 13. the operator approves the consensus report and the Ranking tab shows the
 *     proposal in the main list with its scores;
 * 14. the administrator makes two newly registered users funders, one for MECO
 *     and one for FNR;
 * 15. each funder opens the call's funding page (envelopes, plan) and approves
 *     the grant of the partner its agency funds (MedSoft S.A., a company: MECO;
 *     Luxembourg Institute of Research: FNR); the proposal is funded only once
 *     both have approved;
 * 16. the operator releases the results on the funding page (the decision
 *     letters are mailed);
 * 17. the coordinator opens the result (outcome, consensus scores, grants) and
 *     downloads the decision letter (a PDF naming the proposal);
 * 18. the coordinator files a redress request (the operator is mailed), the
 *     operator answers it and the coordinator reads the answer (also mailed).
 *
 * Everything is clicked in the SPA, except set-up the SPA does not offer: the
 * administrator comes from `jointcall create-admin` (global-setup.ts), and
 * step 7 reads the call's UTC deadline and moves the server clock
 * (PUT /api/v1/test/clock, a test hook; see docs/testing.md) with `request`.
 * Actors who sign in after that move use a browser whose clock agrees
 * (`actorAfterDeadline`).
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { ADMIN, BASE_URL } from './env';
import { expectAccessible } from './support/a11y';
import { linkIn, waitForMail } from './support/mail';
import { makePdf } from './support/pdf';
import { followServerClock, nextCode } from './support/authenticator';
import { choose, newActor, select, signIn, snap, type Actor } from './support/ui';

const PASSWORD = 'a long enough password';
const people = {
  admin: { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password },
  operator: { name: 'Olga Operator', email: 'operator@e2e.test', password: PASSWORD },
  coordinator: { name: 'Cora Coordinator', email: 'coordinator@e2e.test', password: PASSWORD },
  partner: { name: 'Paul Partner', email: 'partner@e2e.test', password: PASSWORD },
  expert: { name: 'Erik Expert', email: 'expert@e2e.test', password: PASSWORD },
  fundingMeco: { name: 'Mona Meco', email: 'meco@e2e.test', password: PASSWORD },
  fundingFnr: { name: 'Fred Fnr', email: 'fnr@e2e.test', password: PASSWORD },
};

/** Who funds whom in this story: MedSoft S.A. is a company (MECO), the institute does research (FNR). */
const FUNDERS = [
  { person: people.fundingMeco, agency: 'MECO', organisation: 'MedSoft S.A.' },
  { person: people.fundingFnr, agency: 'FNR', organisation: 'Luxembourg Institute of Research' },
] as const;

const REDRESS_TEXT = 'The eligibility check did not take the signed letter of intent into account.';
const REDRESS_ANSWER = 'The letter of intent was considered; the procedure was followed.';

const CALL_TITLE = 'HealthTech Joint Call e2e';
const ACRONYM = 'CARDIO';
const PROPOSAL_TITLE = 'Wearable detection of atrial fibrillation';
const ABSTRACT = 'A wrist-worn sensor and an app that detect atrial fibrillation early.';
const PARTNER_NAMES = ['MedSoft S.A.', 'Luxembourg Institute of Research'];

/** The full stage's criteria (the call's defaults; each threshold 3, overall threshold 10). */
const CRITERIA = ['Excellence', 'Impact', 'Quality and efficiency of implementation'] as const;
/** The expert's scores, and the consensus (passes: every criterion at least 3, total 11.5 of at least 10). */
const REVIEW_SCORES: Record<(typeof CRITERIA)[number], string> = {
  Excellence: '4: Very good',
  Impact: '3.5: Between good and very good',
  'Quality and efficiency of implementation': '4: Very good',
};
const CONSENSUS_SCORES: Record<(typeof CRITERIA)[number], string> = {
  Excellence: '4: Very good',
  Impact: '4: Very good',
  'Quality and efficiency of implementation': '3.5: Between good and very good',
};

/** A date about two months ahead (YYYY-MM-DD): the call's full-stage deadline, at 14:00 in Luxembourg. */
const deadlineDate = (() => {
  const d = new Date(Date.now() + 60 * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
})();

test.describe.configure({ mode: 'serial' });

let admin: Actor;
let operator: Actor;
let coordinator: Actor;
let partner: Actor;
let expert: Actor | undefined;
let callId = '';
let proposalUrl = '';
let invitationLink = '';
let receiptNumber = '';
/** The server's time once step 7 moved its clock past the deadline (the browsers of later actors agree). */
let afterDeadline = new Date();
let expertInvitationLink = '';
let assignmentUrl = '';
let assignmentMailLink = '';
const funders: Actor[] = [];
/** The grant each partner requested, as the funder's decision shows it ("€81,000.00"), by organisation. */
const requestedGrants = new Map<string, string>();

test.beforeAll(async ({ browser }) => {
  admin = await newActor(browser, people.admin);
  operator = await newActor(browser, people.operator);
  coordinator = await newActor(browser, people.coordinator);
  partner = await newActor(browser, people.partner);
});

test.afterAll(async () => {
  for (const actor of [admin, operator, coordinator, partner, expert, ...funders]) await actor?.context.close();
  await fetch(`${BASE_URL}/api/v1/test/clock`, { method: 'DELETE' });
});

/** Registers through the SPA and confirms the address with the link from the mail. */
async function registerAndVerify(actor: Actor) {
  const { page } = actor;
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Full name').fill(actor.name);
  await page.getByLabel('Email').fill(actor.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(actor.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your mail')).toBeVisible();

  const mail = await waitForMail(actor.email, 'Confirm your email address for jointcall');
  const link = linkIn(mail, '/verify-email');
  expect(link.startsWith(BASE_URL)).toBe(true);
  await page.goto(link);
  await expect(page.getByText('Your email address is confirmed. You can now sign in.')).toBeVisible();
}

/**
 * A new browser for `person` whose clock agrees with the server's, moved past the deadline in
 * step 7 (tokens issued before the move have expired by the server's clock).
 */
async function actorAfterDeadline(browser: Browser, person: { name: string; email: string; password: string }) {
  const actor = await newActor(browser, person);
  await actor.context.clock.setSystemTime(afterDeadline);
  return actor;
}

/** Creates an organisation in the inline form of the organisation picker. */
async function registerOrganisation(
  actor: Actor,
  org: { name: string; kind: string; country: string; size?: string },
) {
  const { page } = actor;
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Register an organisation' }) });
  await form.getByLabel('Name').fill(org.name);
  await choose(page, form, 'Kind', org.kind);
  await form.getByLabel('Country').fill(org.country);
  if (org.size) await choose(page, form, 'Company size', org.size);
  await form.getByRole('button', { name: 'Register organisation' }).click();
  await expect(select(page, 'Applying organisation')).toHaveValue(org.name);
}

/** Signs in over the API, with the second step when the account has an authenticator. */
async function apiToken(request: APIRequestContext, who: { email: string; password: string }) {
  const response = await request.post(`${BASE_URL}/api/v1/auth/login`, {
    data: { email: who.email, password: who.password },
  });
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as { access_token?: string; challenge?: string };
  if (answer.access_token) return answer.access_token;
  const second = await request.post(`${BASE_URL}/api/v1/auth/login/second-factor`, {
    data: { challenge: answer.challenge, code: await nextCode(who.email) },
  });
  expect(second.status()).toBe(200);
  return ((await second.json()) as { access_token: string }).access_token;
}

test('the administrator makes a registered user an operator', async ({}, testInfo) => {
  await operator.page.goto('/register');
  await registerAndVerify(operator);

  const { page } = admin;
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await snap(page, '01-sign-in');
  await expectAccessible(page, testInfo, 'sign-in');
  // Administrators act only with two-step sign-in: the first sign-in sets it up.
  await signIn(admin, async (screen) => {
    await snap(page, `01-two-step-${screen}`);
    await expectAccessible(page, testInfo, `two-step ${screen}`);
  });
  // No token in the page's storage: the refresh token is an HttpOnly cookie, and a reload
  // gets a new access token with it.
  const refreshCookie = (await admin.context.cookies()).find((c) => c.name === 'jointcall_refresh');
  expect(refreshCookie?.httpOnly).toBe(true);
  expect(refreshCookie?.sameSite).toBe('Strict');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(/eyJ|refresh/);
  await page.reload();
  await expect(page.getByText(`Signed in as ${admin.name}`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: operator.email });
  await row.getByRole('button', { name: 'Edit roles' }).click();
  const dialog = page.getByRole('dialog', { name: `Roles of ${operator.name}` });
  await dialog.getByRole('checkbox', { name: 'Operator' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Roles saved')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Operator', { exact: true })).toBeVisible();
  await snap(page, '02-admin-users');
  await expectAccessible(page, testInfo, 'users');
});

test('the operator sets up a call in the editor and opens it', async ({}, testInfo) => {
  const { page } = operator;
  await signIn(operator);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await page.getByRole('link', { name: 'New call' }).click();
  const editor = page.getByRole('form', { name: 'New call' });
  await expect(editor).toBeVisible();

  await editor.getByLabel('Title').fill(CALL_TITLE);
  await editor.getByLabel('Description').fill('Clinical investigations of digital health products, end to end.');
  const stages = editor.getByRole('region', { name: 'Stages and deadlines' });
  await stages.getByLabel('Date').fill(deadlineDate);
  await stages.getByLabel('Time').fill('14:00');
  // A two-partner consortium in this story: no hospital needed.
  await editor.getByRole('checkbox', { name: 'A hospital partner is required' }).uncheck();
  // One expert's review per proposal and no right to reply: a short evaluation in this story.
  const evaluation = editor.getByRole('region', { name: 'Reviews and right to reply' });
  await evaluation.getByLabel('Reviews per proposal').fill('1');
  await expect(evaluation.getByLabel('Applicants may reply to the reviews')).not.toBeChecked();
  await snap(page, '03-call-editor');
  await expectAccessible(page, testInfo, 'call editor');
  await editor.getByRole('button', { name: 'Create call' }).click();

  await expect(page.getByRole('heading', { name: CALL_TITLE, level: 1 })).toBeVisible();
  callId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(callId).not.toBe('');
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Open call' }).click();
  const confirm = page.getByRole('dialog', { name: 'Open this call?' });
  await confirm.getByRole('button', { name: 'Open call' }).click();
  await expect(page.getByText('The call is open.')).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Open', { exact: true })).toBeVisible();
  await snap(page, '04-call-open');
  await expectAccessible(page, testInfo, 'call page');

  await page.getByRole('link', { name: 'All calls' }).click();
  await expect(page.getByRole('heading', { name: 'Calls', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: CALL_TITLE })).toBeVisible();
  await snap(page, '05-calls-list');
  await expectAccessible(page, testInfo, 'calls list');
});

test('a coordinator registers, verifies the address and starts a proposal', async () => {
  const { page } = coordinator;
  await page.goto('/');
  await page.getByRole('link', { name: 'Create account' }).click();
  await registerAndVerify(coordinator);
  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await signIn(coordinator);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await page.getByRole('link', { name: CALL_TITLE }).click();
  await expect(page.getByRole('heading', { name: CALL_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByText('You have no proposal in this call yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Start a proposal' }).click();
  await expect(page.getByText('You are not affiliated with any organisation yet.')).toBeVisible();
  await registerOrganisation(coordinator, { name: 'MedSoft S.A.', kind: 'Company', country: 'LU', size: 'Small' });
  await page.getByLabel('Acronym').fill(ACRONYM);
  await page.getByLabel('Title').fill(PROPOSAL_TITLE);
  await snap(page, '06-start-proposal');
  await page.getByRole('button', { name: 'Create the proposal' }).click();

  await expect(page.getByRole('heading', { name: ACRONYM, level: 1 })).toBeVisible();
  await expect(page.getByText('You coordinate')).toBeVisible();
  proposalUrl = new URL(page.url()).pathname;
  expect(proposalUrl).toMatch(/^\/proposals\/[^/]+$/);
});

test('the coordinator invites a partner by email', async () => {
  const { page } = coordinator;
  const consortium = page.getByRole('region', { name: 'Consortium' });
  await consortium.getByLabel('Email of the person to invite').fill(partner.email);
  await consortium.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${partner.email}`)).toBeVisible();
  await expect(consortium.getByRole('row').filter({ hasText: partner.email })).toContainText('Pending');

  const mail = await waitForMail(partner.email, `Invitation to join the consortium of ${ACRONYM}`);
  invitationLink = linkIn(mail, '/invitations/accept');
  expect(invitationLink.startsWith(BASE_URL)).toBe(true);
  await snap(page, '07-invitation-sent');
});

test('the partner registers from the invitation, accepts it and fills its budget', async ({}, testInfo) => {
  const { page } = partner;
  await page.goto(invitationLink);
  await expect(page.getByRole('heading', { name: 'Join a proposal' })).toBeVisible();
  await page.getByRole('link', { name: 'Create an account' }).last().click();
  await registerAndVerify(partner);
  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await signIn(partner);

  // Signing in comes back to the remembered invitation.
  await expect(page.getByRole('heading', { name: 'Join a proposal' })).toBeVisible();
  await registerOrganisation(partner, { name: 'Luxembourg Institute of Research', kind: 'Research organisation', country: 'LU' });
  await snap(page, '08-accept-invitation');
  await expectAccessible(page, testInfo, 'invitation');
  await page.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(page.getByRole('heading', { name: ACRONYM, level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(proposalUrl);

  const budgets = page.getByRole('region', { name: 'Budgets' });
  await budgets.getByLabel('Personnel, Year 1').fill('90,000.00');
  await budgets.getByLabel('Consumables, Year 1').fill('10000');
  await budgets.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByText('Budget saved')).toBeVisible();
  await snap(page, '09-partner-budget');
});

test('the coordinator completes the proposal, uploads the documents and submits', async ({}, testInfo) => {
  const { page } = coordinator;
  await page.reload();
  const consortium = page.getByRole('region', { name: 'Consortium' });
  await expect(consortium.getByText('Luxembourg Institute of Research')).toBeVisible();
  // The invitation, now accepted (the partner's row above also shows the address).
  await expect(consortium.getByRole('row').filter({ hasText: partner.email }).filter({ hasText: 'Accepted' })).toBeVisible();

  const overview = page.getByRole('region', { name: 'Overview' });
  await overview.getByLabel('Abstract').fill(ABSTRACT);
  const keywords = overview.getByLabel('Keywords');
  for (const word of ['cardiology', 'wearables']) {
    await keywords.fill(word);
    await keywords.press('Enter');
  }
  await choose(page, overview, 'Research category', 'Experimental development');
  await overview.getByLabel('Duration (months)').fill('24');
  await overview.getByLabel('Requested start date').fill(`${Number(deadlineDate.slice(0, 4)) + 1}-01-01`);
  await overview.getByLabel('Product name').fill('CardioWatch');
  await choose(page, overview, 'Is the product a medical device?', 'Yes');
  await overview.getByLabel('Intended purpose').fill('Detect atrial fibrillation in adults at risk.');
  await choose(page, overview, 'Class under EU MDR', 'IIa');
  await choose(page, overview, 'Product maturity', 'Prototype');
  await choose(page, overview, 'Study framework', 'CE marking');
  await choose(page, overview, 'Ethics committee opinion', 'Pending');
  await choose(page, overview, 'Competent authority', 'Not yet submitted');
  await overview.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Proposal saved')).toBeVisible();

  const budgets = page.getByRole('region', { name: 'Budgets' });
  await budgets.getByLabel('Personnel, Year 1').fill('150,000.00');
  await budgets.getByLabel('Equipment, Year 1').fill('25,000');
  await budgets.getByLabel('Travel, Year 1').fill('4,500.50');
  await budgets.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByText('Budget saved')).toBeVisible();
  await expect(budgets.getByRole('heading', { name: 'Requested grant (computed)' })).toBeVisible();

  const documents = page.getByRole('region', { name: 'Documents' });
  for (const [label, filename] of [
    ['Project description (PDF)', 'project-description.pdf'],
    ["CVs of the partners' key staff (PDF)", 'partner-cvs.pdf'],
  ] as const) {
    const chooser = page.waitForEvent('filechooser');
    await documents.getByRole('button', { name: `Upload: ${label}` }).click();
    await (await chooser).setFiles({ name: filename, mimeType: 'application/pdf', buffer: makePdf(`${ACRONYM}: ${label}`) });
    await expect(documents.getByRole('button', { name: filename })).toBeVisible();
  }

  const checklist = page.getByRole('region', { name: 'Checklist' });
  await checklist.getByRole('button', { name: 'Check again' }).click();
  await expect(checklist.getByText('Nothing is missing: the proposal can be submitted.')).toBeVisible();
  await snap(page, '10-proposal-complete');
  await expectAccessible(page, testInfo, 'proposal page');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Submit the proposal' }).click();
  await expect(page.getByText('Proposal submitted')).toBeVisible();
  await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();

  await page.getByRole('link', { name: 'View the receipt' }).click();
  await expect(page.getByRole('heading', { name: 'Submission receipt' })).toBeVisible();
  const numberCell = page.getByRole('row').filter({ hasText: 'Receipt number' }).getByRole('cell').last();
  receiptNumber = (await numberCell.innerText()).trim();
  expect(receiptNumber).not.toBe('');
  await expect(page.getByRole('cell', { name: 'project-description.pdf' })).toBeVisible();
  await snap(page, '11-receipt');
  await expectAccessible(page, testInfo, 'receipt');

  for (const who of [coordinator, partner]) {
    const mail = await waitForMail(who.email, `Receipt ${receiptNumber}: ${ACRONYM} was submitted`);
    expect(mail.body).toContain(receiptNumber);
  }
});

test('after the deadline the operator closes the call', async ({ browser, request }) => {
  // Set-up the SPA does not offer: the call's deadline in UTC, and a jump of the server clock past it.
  const token = await apiToken(request, ADMIN);
  const call = (await (
    await request.get(`${BASE_URL}/api/v1/calls/${callId}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as { deadlines: { stage: string; utc: string; passed: boolean }[] };
  const full = call.deadlines.find((d) => d.stage === 'full');
  expect(full?.passed).toBe(false);
  afterDeadline = new Date(Date.parse(full?.utc ?? '') + 1000);
  const moved = await request.put(`${BASE_URL}/api/v1/test/clock`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { now: afterDeadline.toISOString() },
  });
  expect(moved.status()).toBe(200);
  followServerClock(afterDeadline);

  // Tokens were issued at the old time: the operator signs in again, in a browser whose clock agrees.
  await operator.context.close();
  operator = await actorAfterDeadline(browser, people.operator);
  const { page } = operator;
  await signIn(operator);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await page.getByRole('link', { name: CALL_TITLE }).click();
  await expect(page.getByRole('heading', { name: CALL_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByText('Passed', { exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: ACRONYM })).toContainText('Submitted');

  await page.getByRole('button', { name: 'Close call' }).click();
  const confirm = page.getByRole('dialog', { name: 'Close this call?' });
  await confirm.getByRole('button', { name: 'Close call' }).click();
  await expect(page.getByText('The call is closed.')).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await snap(page, '12-call-closed');
});

/**
 * Fills the shared scoring form (a review or a consensus report) inside `scope`: per criterion a
 * score (one radio card per half point, named "4: Very good") and a comment, then the overall comment.
 */
async function fillScoringForm(
  scope: Locator,
  scores: Record<(typeof CRITERIA)[number], string>,
  comment: (criterion: string) => string,
  overall: string,
) {
  for (const criterion of CRITERIA) {
    const fieldset = scope.getByRole('group', { name: criterion, exact: true });
    await fieldset.getByRole('radio', { name: scores[criterion], exact: true }).click();
    await expect(fieldset.getByRole('radio', { name: scores[criterion], exact: true })).toBeChecked();
    await fieldset.getByLabel(`Comment on ${criterion}`).fill(comment(criterion));
  }
  await scope.getByLabel('Overall comment').fill(overall);
}

/** The draft's autosave: "Not saved" while typing pauses, then "Saved" once the server has the last change. */
async function expectAutosaved(page: Page) {
  const status = page.getByTestId('autosave-status');
  await expect(status).toHaveText('Not saved');
  await expect(status).toHaveText('Saved');
}

/** The operator's evaluation page of the call, on a tab. */
async function openEvaluationTab(page: Page, tab: string) {
  await page.goto(`/calls/${callId}/evaluation`);
  await expect(page.getByRole('heading', { name: `Evaluation: ${CALL_TITLE}`, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
}

test('the operator starts the evaluation and confirms the proposal eligible', async ({}, testInfo) => {
  const { page } = operator;
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start the evaluation?' });
  await confirm.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(page.getByText('The evaluation has started.')).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('In evaluation', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Evaluation', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Evaluation: ${CALL_TITLE}`, level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/calls/${callId}/evaluation`);
  await expect(page.getByRole('tab', { name: 'Eligibility', exact: true })).toHaveAttribute('aria-selected', 'true');
  const row = page.getByRole('row').filter({ hasText: ACRONYM });
  await expect(row).toContainText('Meets the rules');
  await expect(row).toContainText('Not decided');
  await row.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText(`Eligibility of ${ACRONYM} recorded`)).toBeVisible();
  await expect(row.getByText('Not decided')).toBeHidden();
  await expect(row.getByText('Eligible', { exact: true }).first()).toBeVisible();
  await expect(row.getByRole('button', { name: 'Change' })).toBeVisible();
  await snap(page, '13-eligibility');
  await expectAccessible(page, testInfo, 'evaluation eligibility');

  await waitForMail(coordinator.email, `${ACRONYM} is eligible`);
});

test('the operator invites an expert, who registers from the mail and joins the pool', async ({ browser }, testInfo) => {
  const { page } = operator;
  await openEvaluationTab(page, 'Experts');
  await expect(page.getByText('No expert has been invited to this call yet.')).toBeVisible();
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Invite an expert' }) });
  await form.getByRole('textbox', { name: 'Email' }).fill(people.expert.email);
  const keywords = form.getByLabel('Keywords');
  for (const word of ['cardiology', 'medical devices']) {
    await keywords.fill(word);
    await keywords.press('Enter');
  }
  await form.getByLabel('Load cap').fill('3');
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${people.expert.email}`)).toBeVisible();
  const expertRow = page.getByRole('row').filter({ hasText: people.expert.email });
  await expect(expertRow).toContainText('Invited');
  await expect(expertRow).toContainText('cardiology');
  await expect(expertRow.getByRole('cell').nth(2)).toHaveText('3');
  await snap(page, '14-expert-invited');
  await expectAccessible(page, testInfo, 'evaluation experts');

  const mail = await waitForMail(people.expert.email, `Invitation to evaluate proposals of "${CALL_TITLE}"`);
  expertInvitationLink = linkIn(mail, '/expert-invitations/accept');
  expect(expertInvitationLink.startsWith(BASE_URL)).toBe(true);

  // The expert's browser agrees with the server's clock, moved past the deadline in step 7.
  expert = await actorAfterDeadline(browser, people.expert);
  const expertPage = expert.page;
  await expertPage.goto(expertInvitationLink);
  await expect(expertPage.getByRole('heading', { name: 'Join a call’s expert pool' })).toBeVisible();
  await expertPage.getByRole('link', { name: 'Create an account' }).last().click();
  await registerAndVerify(expert);
  await expertPage.getByRole('link', { name: 'Sign in' }).last().click();
  await signIn(expert);

  // Signing in comes back to the remembered invitation.
  await expect(expertPage.getByRole('heading', { name: 'Join a call’s expert pool' })).toBeVisible();
  await snap(expertPage, '15-expert-invitation');
  await expectAccessible(expertPage, testInfo, 'expert invitation');
  await expertPage.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(expertPage.getByText('You have joined the expert pool.', { exact: false })).toBeVisible();
  await expect(expertPage.getByRole('heading', { name: 'My reviews', level: 1 })).toBeVisible();
  await expect(expertPage.getByText('No proposal is assigned to you.')).toBeVisible();
  // The reviewer role shows "My reviews" in the menu.
  await expect(expertPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reviews' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: people.expert.email })).toContainText('Accepted');
});

test('the operator auto-assigns the expert to the proposal', async ({}, testInfo) => {
  const { page } = operator;
  await openEvaluationTab(page, 'Assignments');
  const proposal = page.getByRole('region', { name: ACRONYM });
  await expect(proposal.getByText('No expert assigned.')).toBeVisible();
  await page.getByRole('button', { name: 'Auto-assign' }).click();
  const report = page.getByRole('status').filter({ hasText: 'Auto-assignment report' });
  await expect(report).toContainText('1 assignment added');
  await expect(report).toContainText('1 assignment in all at this stage');
  await expect(report).toContainText('Every eligible proposal has all its reviewers.');
  const row = proposal.getByRole('row').filter({ hasText: people.expert.email });
  await expect(row).toContainText('Declaration needed');
  await snap(page, '16-auto-assigned');
  await expectAccessible(page, testInfo, 'evaluation assignments');

  const mail = await waitForMail(people.expert.email, `1 proposal(s) of "${CALL_TITLE}" assigned to you`);
  assignmentMailLink = linkIn(mail, '/reviews');
});

test('the expert declares no conflict, reads the proposal, scores it and submits the review', async ({}, testInfo) => {
  if (!expert) throw new Error('the expert joined in an earlier step');
  const { page } = expert;
  // The assignment mail links to "My reviews".
  await page.goto(assignmentMailLink);
  await expect(page.getByRole('heading', { name: 'My reviews', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: ACRONYM });
  await expect(row).toContainText(PROPOSAL_TITLE);
  await expect(row).toContainText(CALL_TITLE);
  for (const name of PARTNER_NAMES) await expect(row).toContainText(name);
  await expect(row).toContainText('Declaration needed');
  await snap(page, '17-my-reviews');
  await expectAccessible(page, testInfo, 'my reviews');

  // Before the declaration: acronym, title and partners, nothing of the content.
  await row.getByRole('link', { name: ACRONYM }).click();
  await expect(page.getByRole('heading', { name: ACRONYM, level: 1 })).toBeVisible();
  assignmentUrl = new URL(page.url()).pathname;
  expect(assignmentUrl).toMatch(/^\/reviews\/[^/]+$/);
  await expect(page.getByText(PROPOSAL_TITLE)).toBeVisible();
  for (const name of PARTNER_NAMES) await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conflict of interest' })).toBeVisible();
  await expect(page.getByText(ABSTRACT)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Read the proposal' })).toHaveCount(0);
  await snap(page, '18-review-declaration');
  await expectAccessible(page, testInfo, 'review declaration');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'I have no conflict of interest' }).click();
  await expect(page.getByText('Thank you: the proposal is open to you.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conflict of interest' })).toBeHidden();

  await page.getByRole('link', { name: 'Read the proposal' }).click();
  await expect(page.getByRole('heading', { name: `Proposal ${ACRONYM}`, level: 1 })).toBeVisible();
  await expect(page.getByText(ABSTRACT)).toBeVisible();
  // Read-only: nothing to save or submit.
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Submit the proposal' })).toHaveCount(0);
  await snap(page, '19-review-proposal');
  await page.getByRole('link', { name: 'Back to the review' }).click();

  const review = page.getByRole('region', { name: 'Your review' });
  await expect(review).toBeVisible();
  await fillScoringForm(
    review,
    REVIEW_SCORES,
    (criterion) => `${criterion}: a clear plan, a convincing team and realistic milestones.`,
    'A strong proposal with a clear path to CE marking.',
  );
  await expectAutosaved(page);
  // "My reviews" follows at once: cleared by the declaration, a draft since the autosave.
  await page.getByRole('link', { name: 'All my reviews' }).click();
  const mine = page.getByRole('row').filter({ hasText: ACRONYM });
  await expect(mine).toContainText('Cleared');
  await expect(mine).toContainText('Draft');
  await mine.getByRole('link', { name: ACRONYM }).click();
  await expect(review.getByRole('group', { name: CRITERIA[0], exact: true }).getByRole('radio', { name: REVIEW_SCORES[CRITERIA[0]], exact: true })).toBeChecked();
  const versions = page.getByRole('region', { name: 'Saved versions' });
  await expect(versions.getByRole('row').first()).toBeVisible();
  await expect(versions).toContainText(`${CRITERIA.length} of ${CRITERIA.length} criteria scored`);
  await snap(page, '20-scoring-form');
  await expectAccessible(page, testInfo, 'scoring form');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Submit the review' }).click();
  // The notification outlives the editor, which the submitted review replaces.
  await expect(page.getByText('Review submitted')).toBeVisible();
  await expect(review.getByText(/^Submitted on .*It cannot change any more\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit the review' })).toHaveCount(0);
  await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible();
  await snap(page, '21-review-submitted');

  await page.getByRole('link', { name: 'All my reviews' }).click();
  await expect(page.getByRole('row').filter({ hasText: ACRONYM })).toContainText('Submitted');
});

test('the operator names the expert rapporteur, who writes the consensus report', async ({}, testInfo) => {
  if (!expert) throw new Error('the expert joined in an earlier step');
  const { page } = operator;
  await openEvaluationTab(page, 'Assignments');
  const proposal = page.getByRole('region', { name: ACRONYM });
  const row = proposal.getByRole('row').filter({ hasText: people.expert.email });
  await expect(row).toContainText('Cleared');
  await expect(row).toContainText('Submitted');
  await row.getByRole('button', { name: 'Name rapporteur' }).click();
  await expect(page.getByText(`${people.expert.email} is the rapporteur; they are mailed.`)).toBeVisible();
  await expect(row.getByText('Rapporteur', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Name rapporteur' })).toHaveCount(0);
  await snap(page, '22-rapporteur-named');
  await waitForMail(people.expert.email, `You are the rapporteur of ${ACRONYM}`);

  const rapporteur = expert.page;
  await rapporteur.goto(assignmentUrl);
  await expect(rapporteur.getByText('You are the rapporteur', { exact: true })).toBeVisible();
  await rapporteur.getByRole('link', { name: 'Open the consensus report' }).click();
  await expect(rapporteur.getByRole('heading', { name: `Consensus report: ${ACRONYM}`, level: 1 })).toBeVisible();
  await expect(rapporteur.getByText('You are the rapporteur: you write this report.')).toBeVisible();
  const sideBySide = rapporteur.getByRole('region', { name: 'The reviews side by side' });
  await expect(sideBySide).toContainText('Excellence');

  const form = rapporteur.getByRole('region', { name: 'Consensus', exact: true });
  await fillScoringForm(
    form,
    CONSENSUS_SCORES,
    (criterion) => `${criterion}: the panel agrees with the review.`,
    'The panel recommends the proposal for funding.',
  );
  await expectAutosaved(rapporteur);
  const outcome = rapporteur.getByRole('region', { name: 'Outcome by the thresholds' });
  await expect(outcome).toContainText('Passes');
  await snap(rapporteur, '23-consensus-draft');
  await expectAccessible(rapporteur, testInfo, 'consensus (rapporteur)');
});

test('the operator approves the consensus report and the Ranking tab lists the proposal', async ({}, testInfo) => {
  const { page } = operator;
  await openEvaluationTab(page, 'Consensus');
  const row = page.getByRole('row').filter({ hasText: ACRONYM });
  await expect(row).toContainText('Draft');
  // The consensus names its rapporteur by reviewer letter, not by address.
  await expect(row).toContainText('Expert A');
  await expect(row).toContainText('All in');
  await expect(row).toContainText('Pass · 11.5');
  await row.getByRole('link', { name: 'Open', exact: true }).click();

  await expect(page.getByRole('heading', { name: `Consensus report: ${ACRONYM}`, level: 1 })).toBeVisible();
  const outcome = page.getByRole('region', { name: 'Outcome by the thresholds' });
  await expect(outcome).toContainText('Passes');
  page.once('dialog', (dialog) => void dialog.accept());
  await outcome.getByRole('button', { name: 'Approve the report' }).click();
  // The notification outlives the approval button, which the approved report replaces.
  await expect(page.getByText('Consensus report approved')).toBeVisible();
  await expect(page.getByText('Approved', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/^Approved on .*the report cannot change any more\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve the report' })).toHaveCount(0);
  await snap(page, '24-consensus-approved');
  await expectAccessible(page, testInfo, 'consensus (operator)');

  await openEvaluationTab(page, 'Ranking');
  const main = page.getByRole('region', { name: 'Main list' });
  const ranked = main.getByRole('row').filter({ hasText: ACRONYM });
  await expect(ranked).toContainText(PROPOSAL_TITLE);
  const cells = ranked.getByRole('cell');
  // Rank, acronym, the three criteria, total, weighted total, result.
  await expect(cells.nth(0)).toHaveText('1');
  await expect(cells.nth(2)).toHaveText('4');
  await expect(cells.nth(3)).toHaveText('4');
  await expect(cells.nth(4)).toHaveText('3.5');
  await expect(cells.nth(5)).toHaveText('11.5');
  await expect(cells.nth(7)).toHaveText('Pass');
  await expect(page.getByRole('region', { name: 'Below threshold' })).toContainText('No proposal in this list.');
  await expect(page.getByRole('region', { name: 'Consensus not approved yet' })).toContainText('No proposal in this list.');
  await snap(page, '25-ranking');
  await expectAccessible(page, testInfo, 'evaluation ranking');
});


test('the administrator makes two registered users funders, for MECO and for FNR', async ({ browser }, testInfo) => {
  for (const { person } of FUNDERS) {
    const funder = await actorAfterDeadline(browser, person);
    funders.push(funder);
    await funder.page.goto('/register');
    await registerAndVerify(funder);
  }

  // The administrator signed in before the clock moved: again, in a browser that agrees with it.
  await admin.context.close();
  admin = await actorAfterDeadline(browser, people.admin);
  const { page } = admin;
  await signIn(admin);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  for (const { person, agency } of FUNDERS) {
    const row = page.getByRole('row').filter({ hasText: person.email });
    await row.getByRole('button', { name: 'Edit roles' }).click();
    const dialog = page.getByRole('dialog', { name: `Roles of ${person.name}` });
    await dialog.getByRole('checkbox', { name: 'Funder' }).check();
    // A funder belongs to an agency: the choice appears with the role.
    await choose(page, dialog, 'Agency', agency);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Roles saved').first()).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(row.getByText('Funder', { exact: true })).toBeVisible();
    await expect(row.getByRole('cell', { name: agency, exact: true })).toBeVisible();
  }
  await snap(page, '26-admin-funders');
  await expectAccessible(page, testInfo, 'users (funders)');
});

test('each funder approves the grant of the partner its agency funds; then the proposal is funded', async ({}, testInfo) => {
  for (const [i, { agency, organisation }] of FUNDERS.entries()) {
    const funder = funders[i];
    if (!funder) throw new Error('the funders registered in the previous step');
    const { page } = funder;
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await signIn(funder);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Funding' }).click();
    await expect(page.getByRole('heading', { name: 'Funding', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: CALL_TITLE }).click();
    await expect(page.getByRole('heading', { name: `Funding: ${CALL_TITLE}`, level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`/calls/${callId}/funding`);
    await expect(page.getByText(`Your agency: ${agency}`)).toBeVisible();

    // The envelopes as stacked bars, with their figures in the image's name.
    const envelopes = page.getByRole('region', { name: 'Envelopes' });
    for (const { agency: each } of FUNDERS) {
      await expect(envelopes.getByRole('img', { name: new RegExp(`^${each} envelope of €[\\d,.]+: `) })).toBeVisible();
    }
    // The plan in rank order: the one proposal, fundable, waiting for the decisions.
    const plan = page.getByRole('region', { name: 'Funding plan' });
    const entry = plan.getByRole('row').filter({ hasText: ACRONYM });
    await expect(entry.getByRole('cell').first()).toHaveText('1');
    await expect(entry).toContainText('Pending');
    // Only the own agency's partner is detailed.
    const partners = entry.getByRole('list', { name: `Your agency’s partners in ${ACRONYM}` });
    await expect(partners).toContainText(organisation);
    await expect(partners.getByRole('listitem')).toHaveCount(1);
    if (i === 0) {
      await snap(page, '27-funding-plan');
      await expectAccessible(page, testInfo, 'funding (funder)');
    }

    await entry.getByRole('button', { name: `Decide: ${ACRONYM}` }).click();
    const dialog = page.getByRole('dialog', { name: `Decisions on ${ACRONYM}` });
    await expect(dialog.getByText('Pending', { exact: true })).toBeVisible();
    const form = dialog.getByRole('form', { name: organisation });
    // The other agency's partner is not this funder's to decide.
    await expect(dialog.getByRole('form')).toHaveCount(1);
    const requested = (await dialog.getByText(/^Requested: /).innerText()).replace(/^Requested: /, '').trim();
    expect(requested).toMatch(/^€[\d,]+\.\d\d$/);
    requestedGrants.set(organisation, requested);
    // An approval of the requested grant is the default.
    await expect(form.getByRole('radio', { name: 'Approve' })).toBeChecked();
    await expect(form.getByLabel('Amount (EUR)')).toHaveValue(requested.replace('€', ''));
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await expect(page.getByText('Decision recorded')).toBeVisible();
    await expect(dialog.getByRole('form', { name: organisation })).toContainText('Decided ');
    await expect(dialog.getByText(`Decision: Approve — ${requested}`)).toBeVisible();
    // Funded only once every partner's agency has approved.
    const outcome = i === FUNDERS.length - 1 ? 'Funded' : 'Pending';
    await expect(dialog.getByText(outcome, { exact: true })).toBeVisible();
    await snap(page, i === 0 ? '28-decision-meco' : '29-decision-fnr');
    if (i === FUNDERS.length - 1) await expectAccessible(page, testInfo, 'funding decisions');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(entry).toContainText(outcome);
  }
});

test('the operator releases the results on the funding page', async ({}, testInfo) => {
  const { page } = operator;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await page.getByRole('link', { name: CALL_TITLE }).click();
  await expect(page.getByRole('heading', { name: CALL_TITLE, level: 1 })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Funding', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Funding: ${CALL_TITLE}`, level: 1 })).toBeVisible();
  const entry = page.getByRole('region', { name: 'Funding plan' }).getByRole('row').filter({ hasText: ACRONYM });
  await expect(entry.getByText('Funded', { exact: true })).toHaveCount(2);
  await snap(page, '30-funding-operator');
  await expectAccessible(page, testInfo, 'funding (operator)');

  await page.getByRole('button', { name: 'Release the results' }).click();
  const confirm = page.getByRole('dialog', { name: 'Release the results?' });
  await confirm.getByRole('button', { name: 'Release', exact: true }).click();
  await expect(confirm).toBeHidden();
  const released = page.getByRole('status').filter({ hasText: 'Results released' });
  await expect(released).toContainText(/Results released: \d+ letters? queued\./);
  await expect(released.getByRole('listitem').filter({ hasText: ACRONYM })).toContainText('Funded');
  await expect(page.getByRole('button', { name: 'Release the results' })).toHaveCount(0);
  await expect(page.getByText('Decided', { exact: true }).first()).toBeVisible();
  await snap(page, '31-results-released');
});

test('the coordinator reads the result and downloads the decision letter', async ({ browser }, testInfo) => {
  // The letter is mailed to every contact of the consortium, with a link to the result.
  const mail = await waitForMail(coordinator.email, `Decision on your proposal ${ACRONYM}`);
  await waitForMail(partner.email, `Decision on your proposal ${ACRONYM}`);
  const resultLink = linkIn(mail, `${proposalUrl}/result`);

  // The coordinator signed in before the clock moved: again, in a browser that agrees with it.
  await coordinator.context.close();
  coordinator = await actorAfterDeadline(browser, people.coordinator);
  const { page } = coordinator;
  await page.goto(resultLink);
  await signIn(coordinator);
  await page.goto(resultLink);
  await expect(page.getByRole('heading', { name: `Result of ${ACRONYM}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Funded', { exact: true })).toBeVisible();
  await expect(page.getByText(PROPOSAL_TITLE)).toBeVisible();

  // The consensus scores against their thresholds (3 each, 10 overall).
  const summary = page.getByRole('region', { name: 'Evaluation summary' });
  for (const criterion of CRITERIA) {
    const row = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: criterion, exact: true }) });
    const score = CONSENSUS_SCORES[criterion].split(':')[0] ?? '';
    await expect(row.getByRole('cell').nth(0)).toHaveText(Number(score).toFixed(1));
    await expect(row.getByRole('cell').nth(1)).toHaveText('3.0');
    await expect(row.getByRole('cell').nth(2)).toHaveText(`${criterion}: the panel agrees with the review.`);
  }
  await expect(summary).toContainText('11.5 against an overall threshold of 10.0');
  await expect(summary).toContainText('The panel recommends the proposal for funding.');

  // Each partner is granted what it requested, from the agency that funds it.
  const grants = page.getByRole('region', { name: 'Grants per partner' });
  for (const { agency, organisation } of FUNDERS) {
    const row = grants.getByRole('row').filter({ has: page.getByRole('rowheader', { name: organisation }) });
    const requested = requestedGrants.get(organisation) ?? 'unknown';
    await expect(row.getByRole('cell').nth(0)).toHaveText(agency);
    await expect(row.getByRole('cell').nth(1)).toHaveText(requested);
    await expect(row.getByRole('cell').nth(2)).toHaveText(requested);
  }
  await snap(page, '32-result');
  await expectAccessible(page, testInfo, 'result');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the letter (PDF)' }).click();
  const letter = await download;
  expect(letter.suggestedFilename()).toBe(`${ACRONYM}-decision-letter.pdf`);
  const pdf = fs.readFileSync(await letter.path());
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdf.toString('latin1')).toContain(`Decision on your proposal ${ACRONYM}`);
});

test('the coordinator files a redress request, the operator answers it and the coordinator reads the answer', async ({}, testInfo) => {
  const { page } = coordinator;
  await page.getByRole('link', { name: 'Redress', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Redress: ${ACRONYM}`, level: 1 })).toBeVisible();
  const request = page.getByRole('textbox', { name: 'Your request' });
  await request.fill(REDRESS_TEXT);
  await expect(page.getByTestId('redress-count')).toHaveText(`${REDRESS_TEXT.length} / 5,000 characters`);
  await snap(page, '33-redress-form');
  await expectAccessible(page, testInfo, 'redress (coordinator)');
  await page.getByRole('button', { name: 'File the request' }).click();
  await expect(page.getByText('Redress request filed; the operators are mailed.')).toBeVisible();
  await expect(request).toHaveCount(0);
  await expect(page.getByText(REDRESS_TEXT)).toBeVisible();
  await expect(page.getByText('Not answered yet.')).toBeVisible();

  const filed = await waitForMail(operator.email, `Redress request on ${ACRONYM}`);
  const redressLink = linkIn(filed, `${proposalUrl}/redress`);
  const operatorPage = operator.page;
  await operatorPage.goto(redressLink);
  await expect(operatorPage.getByRole('heading', { name: `Redress: ${ACRONYM}`, level: 1 })).toBeVisible();
  await expect(operatorPage.getByText(REDRESS_TEXT)).toBeVisible();
  await operatorPage.getByRole('textbox', { name: 'Your answer' }).fill(REDRESS_ANSWER);
  await expectAccessible(operatorPage, testInfo, 'redress (operator)');
  await operatorPage.getByRole('button', { name: 'Send the answer' }).click();
  await expect(operatorPage.getByText('Answer sent; the consortium is mailed.')).toBeVisible();
  await expect(operatorPage.getByText(REDRESS_ANSWER)).toBeVisible();
  await expect(operatorPage.getByRole('button', { name: 'Send the answer' })).toHaveCount(0);

  const answered = await waitForMail(coordinator.email, `Answer to the redress request on ${ACRONYM}`);
  expect(answered.body).toContain(REDRESS_ANSWER);
  await page.goto(linkIn(answered, `${proposalUrl}/redress`));
  await expect(page.getByText(REDRESS_TEXT)).toBeVisible();
  await expect(page.getByText(REDRESS_ANSWER)).toBeVisible();
  await expect(page.getByText(/^Answered /)).toBeVisible();
  await snap(page, '34-redress-answered');
  await expectAccessible(page, testInfo, 'redress (answered)');
});
