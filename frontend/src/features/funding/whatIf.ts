import type { Agency, FundingPlan, WhatIfBody } from '../../lib/api/types';
import { centsToEuroInput, parseEurosToCents } from '../../lib/money';
import { normaliseField } from '../../lib/problem';

/** What the user typed: an envelope per agency and a grant per partner, in euros. */
export interface WhatIfDraft {
  envelopes: Partial<Record<Agency, string>>;
  grants: Record<string, string>;
}

/** The key of a what-if input, also used to place errors: `envelopes.MECO`, `grants.<partner id>`. */
export const envelopeKey = (agency: Agency) => `envelopes.${agency}`;
export const grantKey = (partnerId: string) => `grants.${partnerId}`;

/** The inputs as the stored plan has them: every envelope's total, every visible partner's requested grant. */
export function draftFromPlan(plan: FundingPlan): WhatIfDraft {
  const envelopes: WhatIfDraft['envelopes'] = {};
  for (const e of plan.envelopes) envelopes[e.agency] = centsToEuroInput(e.total_cents);
  const grants: Record<string, string> = {};
  for (const entry of plan.entries) {
    for (const p of entry.partners) grants[p.partner_id] = centsToEuroInput(p.requested_cents);
  }
  return { envelopes, grants };
}

export type WhatIfBuild =
  | { ok: true; body: WhatIfBody; changes: number }
  | { ok: false; errors: Record<string, WhatIfInputError> };

export type WhatIfInputError = { kind: 'invalid' } | { kind: 'too_high'; maxCents: number };

/**
 * The what-if request: only the envelopes and grants that differ from the stored plan, so the
 * server applies nothing the user did not change. A grant may only go down to at most the
 * requested amount; amounts must read as euros.
 */
export function buildWhatIfRequest(plan: FundingPlan, draft: WhatIfDraft): WhatIfBuild {
  const errors: Record<string, WhatIfInputError> = {};
  const envelopes: NonNullable<WhatIfBody['envelopes']> = [];
  const grants: NonNullable<WhatIfBody['grants']> = [];
  for (const e of plan.envelopes) {
    const text = draft.envelopes[e.agency];
    if (text === undefined) continue;
    const parsed = parseEurosToCents(text);
    if (!parsed.ok) {
      errors[envelopeKey(e.agency)] = { kind: 'invalid' };
    } else if (parsed.cents !== e.total_cents) {
      envelopes.push({ agency: e.agency, total_cents: parsed.cents });
    }
  }
  for (const entry of plan.entries) {
    for (const p of entry.partners) {
      const text = draft.grants[p.partner_id];
      if (text === undefined) continue;
      const parsed = parseEurosToCents(text);
      if (!parsed.ok) {
        errors[grantKey(p.partner_id)] = { kind: 'invalid' };
      } else if (parsed.cents > p.requested_cents) {
        errors[grantKey(p.partner_id)] = { kind: 'too_high', maxCents: p.requested_cents };
      } else if (parsed.cents !== p.requested_cents) {
        grants.push({ partner_id: p.partner_id, amount_cents: parsed.cents });
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: WhatIfBody = {};
  if (envelopes.length > 0) body.envelopes = envelopes;
  if (grants.length > 0) body.grants = grants;
  return { ok: true, body, changes: envelopes.length + grants.length };
}

/**
 * Where a server error about the request belongs: `envelopes[1].total_cents` is the input of the
 * second envelope sent, `grants[0].amount_cents` the first grant sent. Null when unknown.
 */
export function inputKeyOfServerField(field: string, body: WhatIfBody): string | null {
  const name = normaliseField(field);
  const match = /^(envelopes|grants)[.[](\d+)/.exec(name);
  if (!match) return null;
  const index = Number(match[2]);
  if (match[1] === 'envelopes') {
    const e = body.envelopes?.[index];
    return e ? envelopeKey(e.agency) : null;
  }
  const g = body.grants?.[index];
  return g ? grantKey(g.partner_id) : null;
}
