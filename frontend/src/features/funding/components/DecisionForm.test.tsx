import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PartnerDecision, ProposalDecisions } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { DecisionForm } from './DecisionForm';

const partner = (over: Partial<PartnerDecision> = {}): PartnerDecision => ({
  partner_id: 'pa1',
  organisation: 'Acme Sleep SARL',
  agency: 'MECO',
  requested_cents: 30_000_000,
  version: 0,
  ...over,
});

const decisions = (p: PartnerDecision): ProposalDecisions => ({
  proposal_id: 'p1',
  acronym: 'SLEEP',
  outcome: 'funded',
  partners: [p],
});

describe('DecisionForm', { timeout: 15_000 }, () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 3600_000 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('approves the requested amount by default, with If-Match "0" before the first decision', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() =>
      jsonResponse(decisions(partner({ decision: 'approved', amount_cents: 30_000_000, version: 1 })), {
        headers: { ETag: '"1"' },
      }),
    );
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    expect(screen.getByRole('textbox', { name: 'Amount (EUR)' })).toHaveValue('300,000.00');
    expect(screen.getByText('The requested grant is €300,000.00; you may approve less, not more.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByText('Decision recorded')).toBeInTheDocument();
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/v1/proposals/p1/partners/pa1/decision');
    expect(put?.headers.get('If-Match')).toBe('"0"');
    expect(put?.body).toEqual({ decision: 'approved', amount_cents: 30_000_000 });
  });

  it('refuses an amount above the requested grant without asking the server', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse({}));
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    const amount = screen.getByRole('textbox', { name: 'Amount (EUR)' });
    await user.clear(amount);
    await user.type(amount, '300000.01');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(screen.getByText('At most €300,000.00.')).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(seen).toHaveLength(0);
  });

  it('sends a smaller amount with the current version', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(decisions(partner({ version: 3 }))));
    renderWithProviders(
      <DecisionForm proposalId="p1" partner={partner({ decision: 'approved', amount_cents: 30_000_000, version: 2 })} />,
    );
    const amount = screen.getByRole('textbox', { name: 'Amount (EUR)' });
    await user.clear(amount);
    await user.type(amount, '250,000');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    await screen.findByText('Decision recorded');
    expect(seen[0]?.headers.get('If-Match')).toBe('"2"');
    expect(seen[0]?.body).toEqual({ decision: 'approved', amount_cents: 25_000_000 });
  });

  it('needs a comment to reject', async () => {
    const user = userEvent.setup();
    const seen = mockFetch(() => jsonResponse(decisions(partner({ decision: 'rejected', version: 1 }))));
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    await user.click(screen.getByText('Reject'));
    expect(screen.queryByRole('textbox', { name: 'Amount (EUR)' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(screen.getByText('Give a reason to reject.')).toBeInTheDocument();
    expect(seen).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: /Comment/ }), 'Outside our remit.');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    await screen.findByText('Decision recorded');
    expect(seen[0]?.body).toEqual({ decision: 'rejected', comment: 'Outside our remit.' });
  });

  it('explains a 409 envelope-exceeded in words', async () => {
    const user = userEvent.setup();
    mockFetch(() =>
      problemResponse(409, {
        type: 'https://jointcall.eu/problems/envelope-exceeded', code: 'envelope-exceeded',
        title: 'Conflict',
        detail: 'MECO has 100 cents left of its envelope; this approval needs 30000000.',
      }),
    );
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This approval would take MECO past its envelope. Approve a smaller amount, or reject another partner first.',
    );
  });

  it('explains a 403 for another agency’s partner', async () => {
    const user = userEvent.setup();
    mockFetch(() => problemResponse(403, { type: 'https://jointcall.eu/problems/another-funders-partner', code: 'another-funders-partner', detail: 'FNR funds this partner.' }));
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Another agency funds this partner: only its staff decide for it.');
  });

  it('on 412 says so and reloads the decisions', async () => {
    const user = userEvent.setup();
    const seen = mockFetch((req) =>
      req.method === 'PUT' ? problemResponse(412, { title: 'Precondition Failed' }) : jsonResponse(decisions(partner({ version: 4 }))),
    );
    renderWithProviders(<DecisionForm proposalId="p1" partner={partner()} />);
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed this decision meanwhile/);
    expect(seen.map((r) => r.method)).toEqual(['PUT']);
  });
});
