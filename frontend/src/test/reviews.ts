import type { Consensus, Criterion, ExpertAssignment, Reply, Review } from '../lib/api/types';

/** The full stage's criteria of a call: Excellence, Impact, Implementation. */
export const FULL_CRITERIA: Criterion[] = [
  { stage: 'full', key: 'excellence', label: 'Excellence', weight: 1, threshold: 3 },
  { stage: 'full', key: 'impact', label: 'Impact', weight: 1.5, threshold: 3 },
  { stage: 'full', key: 'implementation', label: 'Implementation', weight: 1, threshold: 3 },
];

/** A draft review as GET /api/v1/assignments/{id}/review answers. */
export function makeReview(overrides: Partial<Review> = {}): Review {
  return {
    id: 'rev-1',
    assignment_id: 'asg-1',
    proposal_id: 'prop-1',
    stage: 'full',
    status: 'draft',
    content: {
      scores: { excellence: { score: 4, comment: 'Strong science.' } },
      overall_comment: '',
    },
    version: 4,
    updated_at: '2027-08-01T10:00:00Z',
    submitted_at: null,
    ...overrides,
  };
}

export function makeConsensus(overrides: Partial<Consensus> = {}): Consensus {
  return {
    proposal_id: 'prop-1',
    call_id: 'call-1',
    acronym: 'CARDIO-AI',
    stage: 'full',
    status: 'draft',
    rapporteur: 'Expert B',
    rapporteur_expert_id: null,
    you_are_rapporteur: true,
    content: { scores: {}, overall_comment: '' },
    version: 2,
    reviews: [
      {
        label: 'Expert A',
        status: 'submitted',
        content: {
          scores: {
            excellence: { score: 4, comment: 'A: very good science.' },
            impact: { score: 1.5, comment: 'A: the market is unclear.' },
            implementation: { score: 3, comment: 'A: fine plan.' },
          },
          overall_comment: 'A overall.',
        },
      },
      {
        label: 'Expert B',
        status: 'submitted',
        content: {
          scores: {
            excellence: { score: 4.5, comment: 'B: excellent team.' },
            impact: { score: 4, comment: 'B: strong impact.' },
            implementation: { score: 3, comment: 'B: fine.' },
          },
          overall_comment: 'B overall.',
        },
      },
      { label: 'Expert C', status: 'draft', content: null },
    ],
    all_reviews_in: true,
    spread_flags: ['impact'],
    outcome: null,
    reply: null,
    approved_at: null,
    ...overrides,
  };
}

export function makeReply(overrides: Partial<Reply> = {}): Reply {
  return {
    proposal_id: 'prop-1',
    call_id: 'call-1',
    stage: 'full',
    opens_at: '2020-09-01T08:00:00Z',
    closes_at: '2099-09-15T16:00:00Z',
    open: true,
    max_chars: 20,
    comments: {
      scores: { excellence: { comment: 'Convincing science.' }, impact: { comment: 'Market unclear.' } },
      overall_comment: 'A promising project.',
    },
    text: null,
    replied_at: null,
    version: 1,
    ...overrides,
  };
}

/** An expert's assignment as GET /me/assignments and the declaration return it. */
export function makeExpertAssignment(overrides: Partial<ExpertAssignment> = {}): ExpertAssignment {
  return {
    acronym: 'CARDIO',
    title: 'Wearable detection of atrial fibrillation',
    call_id: 'call-1',
    call_title: 'HealthTech',
    proposal_id: 'prop-1',
    partners: ['MedSoft S.A.'],
    content_open: false,
    rapporteur: false,
    review_status: null,
    review_deadline: null,
    assignment: {
      id: 'asg-1',
      proposal_id: 'prop-1',
      expert_id: 'exp-1',
      stage: 'full',
      status: 'assigned',
      assigned_at: '2026-10-01T10:00:00Z',
      declared_at: null,
    },
    ...overrides,
  };
}
