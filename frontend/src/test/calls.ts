import type { Call, CallSettings } from '../lib/api/types';

const pdf = ['application/pdf'];
const TEN_MIB = 10 * 1024 * 1024;

/** The Joint Call defaults, as GET /api/v1/calls/defaults answers. */
export function defaultSettings(): CallSettings {
  return {
    time_zone: 'Europe/Luxembourg',
    outline_stage: null,
    full_stage: { deadline_local: '2027-07-14T14:00:00' },
    funders: [
      { agency: 'MECO', envelope_cents: 250_000_000, funds: ['company'] },
      { agency: 'FNR', envelope_cents: 200_000_000, funds: ['research_organisation'] },
      { agency: 'DS', envelope_cents: 50_000_000, funds: ['hospital'] },
    ],
    cap_per_project_cents: 70_000_000,
    capped_agencies: ['MECO', 'FNR'],
    consortium: {
      min_luxembourg_companies: 1,
      min_luxembourg_research_organisations: 1,
      hospital_required: true,
      max_partners: 10,
    },
    min_duration_months: 12,
    max_duration_months: 36,
    grant_rules: {
      collaboration_bonus: 1500,
      collaboration_min_research_share: 1000,
      company_experimental_development_rate: 2500,
      company_industrial_research_rate: 5000,
      company_max_rate: 8000,
      hospital_funding_rate: 10000,
      medium_enterprise_bonus: 1000,
      research_funding_rate: 10000,
      research_overhead_rate: 2500,
      small_enterprise_bonus: 2000,
    },
    documents: [
      {
        stage: 'outline',
        document_type: 'outline_description',
        label: 'Outline description (PDF)',
        required: true,
        max_size_bytes: TEN_MIB,
        media_types: pdf,
      },
      {
        stage: 'full',
        document_type: 'project_description',
        label: 'Project description (PDF)',
        required: true,
        max_size_bytes: TEN_MIB,
        media_types: pdf,
      },
    ],
    criteria: [
      { stage: 'outline', key: 'excellence', label: 'Excellence', weight: 1, threshold: 4 },
      { stage: 'full', key: 'excellence', label: 'Excellence', weight: 1, threshold: 3 },
      { stage: 'full', key: 'impact', label: 'Impact', weight: 1, threshold: 3 },
    ],
    thresholds: [
      { stage: 'outline', overall: 8 },
      { stage: 'full', overall: 10 },
    ],
    reviews_per_proposal: 3,
    right_to_reply: { enabled: false, max_chars: 2500 },
    review_reminder_days: [7, 1],
    submission_reminder_days: [7, 1],
    redress_days: 30,
  };
}

export function makeCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-1',
    title: 'HealthTech Joint Call 2027',
    description: 'Clinical investigations of medical devices.',
    status: 'draft',
    settings: defaultSettings(),
    deadlines: [
      { stage: 'full', local: '2027-07-14T14:00:00+02:00', utc: '2027-07-14T12:00:00Z', passed: false },
    ],
    opened_at: null,
    version: 3,
    created_at: '2026-11-29T10:00:00Z',
    ...overrides,
  };
}
