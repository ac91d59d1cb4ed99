import { describe, expect, it } from 'vitest';
import type { FundingPlan } from '../../lib/api/types';
import { buildWhatIfRequest, draftFromPlan, inputKeyOfServerField } from './whatIf';

const plan: FundingPlan = {
  call_id: 'c1',
  what_if: false,
  envelopes: [
    { agency: 'MECO', total_cents: 100_000_000, committed_cents: 0, proposed_cents: 0, remaining_cents: 100_000_000 },
    { agency: 'FNR', total_cents: 50_000_000, committed_cents: 0, proposed_cents: 0, remaining_cents: 50_000_000 },
  ],
  entries: [
    {
      proposal_id: 'p1',
      acronym: 'SLEEP',
      rank: 1,
      weighted_total: 12.5,
      status: 'fundable',
      outcome: 'pending',
      requested: [{ agency: 'MECO', requested_cents: 30_000_000 }],
      partners: [{ partner_id: 'pa1', organisation: 'Acme', agency: 'MECO', requested_cents: 30_000_000 }],
    },
  ],
};

describe('buildWhatIfRequest', () => {
  it('starts from the stored plan and sends nothing unchanged', () => {
    const draft = draftFromPlan(plan);
    expect(draft).toEqual({ envelopes: { MECO: '1,000,000.00', FNR: '500,000.00' }, grants: { pa1: '300,000.00' } });
    expect(buildWhatIfRequest(plan, draft)).toEqual({ ok: true, body: {}, changes: 0 });
  });

  it('sends only the changed envelopes and grants, in cents', () => {
    const draft = draftFromPlan(plan);
    draft.envelopes.FNR = '750000';
    draft.grants.pa1 = '250,000.50';
    expect(buildWhatIfRequest(plan, draft)).toEqual({
      ok: true,
      changes: 2,
      body: {
        envelopes: [{ agency: 'FNR', total_cents: 75_000_000 }],
        grants: [{ partner_id: 'pa1', amount_cents: 25_000_050 }],
      },
    });
  });

  it('refuses unreadable amounts and grants above the requested one', () => {
    const draft = draftFromPlan(plan);
    draft.envelopes.MECO = 'a lot';
    draft.grants.pa1 = '300,000.01';
    expect(buildWhatIfRequest(plan, draft)).toEqual({
      ok: false,
      errors: {
        'envelopes.MECO': { kind: 'invalid' },
        'grants.pa1': { kind: 'too_high', maxCents: 30_000_000 },
      },
    });
  });
});

describe('inputKeyOfServerField', () => {
  const body = {
    envelopes: [{ agency: 'FNR' as const, total_cents: 1 }],
    grants: [{ partner_id: 'pa1', amount_cents: 1 }],
  };
  it('finds the input of the n-th item sent', () => {
    expect(inputKeyOfServerField('envelopes[0].total_cents', body)).toBe('envelopes.FNR');
    expect(inputKeyOfServerField('/grants/0/amount_cents', body)).toBe('grants.pa1');
    expect(inputKeyOfServerField('grants[3].amount_cents', body)).toBeNull();
    expect(inputKeyOfServerField('other', body)).toBeNull();
  });
});
