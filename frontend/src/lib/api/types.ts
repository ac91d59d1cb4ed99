/**
 * Domain types derived from the generated `paths`, by endpoint rather than by
 * component name, so renamed schemas in openapi.json do not ripple through.
 */
import type { paths } from './schema';

type JsonContent<T> = T extends { content: { 'application/json': infer J } } ? J : never;

/** JSON body of the 2xx response `S` of `M` on path `P`. */
export type ResponseJson<
  P extends keyof paths,
  M extends keyof paths[P],
  S extends number,
> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? JsonContent<R[S]>
    : never
  : never;

/** JSON request body of `M` on path `P`. */
export type RequestJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonContent<NonNullable<B>>
  : never;

export type User = ResponseJson<'/api/v1/me', 'get', 200>;
export type Role = User['roles'][number];
export type Agency = NonNullable<User['agency']>;

/** One page of a list endpoint: `{ items, total, limit, offset }`. */
export type UsersPage = ResponseJson<'/api/v1/users', 'get', 200>;
export type OrganisationsPage = ResponseJson<'/api/v1/organisations', 'get', 200>;

/** A right password's answer: tokens, or a challenge for the second step. */
export type SignInAnswer = ResponseJson<'/api/v1/auth/login', 'post', 200>;
export type TokenPairResponse = ResponseJson<'/api/v1/auth/login/second-factor', 'post', 200>;
export type SecondFactorChallenge = Extract<SignInAnswer, { second_factor_required: boolean }>;
export type SecondFactorStatus = ResponseJson<'/api/v1/me/second-factor', 'get', 200>;
export type EnrolmentStart = ResponseJson<'/api/v1/me/second-factor/enrolment', 'post', 200>;
export type LoginBody = RequestJson<'/api/v1/auth/login', 'post'>;
export type RegisterBody = RequestJson<'/api/v1/auth/register', 'post'>;
export type PasswordChangeBody = RequestJson<'/api/v1/me/password', 'put'>;
export type ProfileBody = RequestJson<'/api/v1/me', 'put'>;
export type Language = User['language'];

export type Affiliation = ResponseJson<'/api/v1/me/affiliations', 'get', 200>[number];
export type NewAffiliationBody = RequestJson<'/api/v1/me/affiliations', 'post'>;

export type Organisation = OrganisationsPage['items'][number];
export type NewOrganisationBody = RequestJson<'/api/v1/organisations', 'post'>;
export type OrganisationKind = Organisation['kind'];
export type CompanySize = NonNullable<Organisation['company_size']>;

export type RolesBody = RequestJson<'/api/v1/users/{id}/roles', 'put'>;

export type CallsPage = ResponseJson<'/api/v1/calls', 'get', 200>;
export type Call = ResponseJson<'/api/v1/calls/{id}', 'get', 200>;
export type CallStatus = Call['status'];
export type CallSettings = ResponseJson<'/api/v1/calls/defaults', 'get', 200>;
export type CallBody = RequestJson<'/api/v1/calls', 'post'>;
export type CallTransitionBody = RequestJson<'/api/v1/calls/{id}/transitions', 'post'>;
export type StageDeadline = Call['deadlines'][number];
export type Stage = StageDeadline['stage'];
export type FunderSettings = CallSettings['funders'][number];
export type DocumentRequirement = CallSettings['documents'][number];
export type Criterion = CallSettings['criteria'][number];
export type StageThreshold = CallSettings['thresholds'][number];
export type GrantRules = CallSettings['grant_rules'];

/** Page size of the list screens; the API accepts 1 to 200. */
export const PAGE_SIZE = 50;

export const ALL_ROLES = ['applicant', 'reviewer', 'funder', 'operator', 'admin'] as const satisfies readonly Role[];
export const ALL_AGENCIES = ['MECO', 'FNR', 'DS'] as const satisfies readonly Agency[];
export const ORGANISATION_KINDS = [
  'company',
  'research_organisation',
  'hospital',
  'other',
] as const satisfies readonly OrganisationKind[];
export const CALL_STATUSES = [
  'draft',
  'open',
  'closed',
  'in_evaluation',
  'decided',
] as const satisfies readonly CallStatus[];
/** Stages in the order a two-stage call runs them. */
export const STAGES = ['outline', 'full'] as const satisfies readonly Stage[];
export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const satisfies readonly CompanySize[];

export type ProposalsPage = ResponseJson<'/api/v1/calls/{id}/proposals', 'get', 200>;
export type ProposalSummary = ProposalsPage['items'][number];
export type NewProposalBody = RequestJson<'/api/v1/calls/{id}/proposals', 'post'>;
export type Proposal = ResponseJson<'/api/v1/proposals/{id}', 'get', 200>;
export type ProposalStatus = Proposal['status'];
export type ProposalUpdateBody = RequestJson<'/api/v1/proposals/{id}', 'put'>;
export type Clinical = Proposal['clinical'];
export type MdrClass = NonNullable<Clinical['mdr_class']>;
export type ProductMaturity = NonNullable<Clinical['product_maturity']>;
export type StudyFramework = NonNullable<Clinical['study_framework']>;
export type ApprovalStatus = NonNullable<Clinical['ethics_status']>;
export type ResearchCategory = Proposal['research_category'];
export type Partner = Proposal['partners'][number];
export type Invitation = ResponseJson<'/api/v1/proposals/{id}/invitations', 'get', 200>[number];
export type Budget = ResponseJson<'/api/v1/proposals/{id}/partners/{partner_id}/budget', 'get', 200>;
export type BudgetLine = Budget['lines'][number];
export type CostCategory = BudgetLine['category'];
export type ProposalGrants = ResponseJson<'/api/v1/proposals/{id}/grants', 'get', 200>;
export type PartnerGrant = ProposalGrants['partners'][number];
export type ProposalDocument = ResponseJson<'/api/v1/proposals/{id}/documents', 'get', 200>[number];
export type Checklist = ResponseJson<'/api/v1/proposals/{id}/checklist', 'get', 200>;
export type ChecklistItem = Checklist['items'][number];
export type Receipt = ResponseJson<'/api/v1/proposals/{id}/receipt', 'get', 200>;

export const MDR_CLASSES = ['none', 'I', 'IIa', 'IIb', 'III'] as const satisfies readonly MdrClass[];
export const PRODUCT_MATURITIES = [
  'concept',
  'prototype',
  'clinical_grade',
  'on_the_market',
] as const satisfies readonly ProductMaturity[];
export const STUDY_FRAMEWORKS = ['ce_marking', 'post_market_follow_up', 'other'] as const satisfies readonly StudyFramework[];
export const APPROVAL_STATUSES = ['not_yet_submitted', 'pending', 'approved'] as const satisfies readonly ApprovalStatus[];
export const RESEARCH_CATEGORIES = [
  'industrial_research',
  'experimental_development',
] as const satisfies readonly ResearchCategory[];
export const COST_CATEGORIES = [
  'personnel',
  'equipment',
  'consumables',
  'subcontracting',
  'travel',
  'other',
] as const satisfies readonly CostCategory[];

// Evaluation: experts, reviews, consensus, right to reply, ranking.
export type ExpertAssignment = ResponseJson<'/api/v1/assignments/{id}', 'get', 200>;
export type Assignment = ExpertAssignment['assignment'];
export type AssignmentStatus = Assignment['status'];
export type DeclarationBody = RequestJson<'/api/v1/assignments/{id}/declaration', 'post'>;
export type Review = ResponseJson<'/api/v1/assignments/{id}/review', 'get', 200>;
export type ReviewStatus = Review['status'];
export type ReviewContent = Review['content'];
export type CriterionReview = NonNullable<ReviewContent['scores']>[string];
export type ReviewVersion = ResponseJson<'/api/v1/assignments/{id}/review/versions', 'get', 200>[number];
export type PeerReviews = ResponseJson<'/api/v1/assignments/{id}/peer-reviews', 'get', 200>;
export type PeerReview = PeerReviews['reviews'][number];
export type Consensus = ResponseJson<'/api/v1/proposals/{id}/consensus', 'get', 200>;
export type ConsensusStatus = Consensus['status'];
export type ReviewSummary = Consensus['reviews'][number];
export type Outcome = NonNullable<Consensus['outcome']>;
export type Reply = ResponseJson<'/api/v1/proposals/{id}/reply', 'get', 200>;
export type ReplyWindowBody = RequestJson<'/api/v1/calls/{id}/reply-windows', 'post'>;
export type ReplyWindow = ResponseJson<'/api/v1/calls/{id}/reply-windows', 'post', 201>;
export type EligibilityEntry = ResponseJson<'/api/v1/calls/{id}/eligibility', 'get', 200>[number];
export type EligibilityBody = RequestJson<'/api/v1/proposals/{id}/eligibility', 'put'>;
export type Expert = ResponseJson<'/api/v1/calls/{id}/experts', 'get', 200>[number];
export type ExpertInvitationBody = RequestJson<'/api/v1/calls/{id}/experts', 'post'>;
export type AssignmentDetail = ResponseJson<'/api/v1/proposals/{id}/assignments', 'get', 200>[number];
export type AutoAssignmentReport = ResponseJson<'/api/v1/calls/{id}/assignments/auto', 'post', 200>;
export type Shortfall = AutoAssignmentReport['shortfalls'][number];
export type Ranking = ResponseJson<'/api/v1/calls/{id}/ranking', 'get', 200>;
export type RankedProposal = Ranking['main_list'][number];
export type PendingProposal = Ranking['pending'][number];
export type MailsPage = ResponseJson<'/api/v1/outbox', 'get', 200>;
export type Mail = MailsPage['items'][number];
export type MailStatus = Mail['status'];
export type AuditRecord = ResponseJson<'/api/v1/audit', 'get', 200>[number];
export type AuditVerification = ResponseJson<'/api/v1/audit/verification', 'get', 200>;

export const MAIL_STATUSES = ['pending', 'sent'] as const satisfies readonly MailStatus[];

// Funding decisions, release, results and redress.
export type FundingPlan = ResponseJson<'/api/v1/calls/{id}/funding-plan', 'get', 200>;
export type PlanEntry = FundingPlan['entries'][number];
export type PlanStatus = PlanEntry['status'];
export type PlanPartner = PlanEntry['partners'][number];
export type EnvelopeUse = FundingPlan['envelopes'][number];
export type WhatIfBody = RequestJson<'/api/v1/calls/{id}/funding-plan/what-if', 'post'>;
export type CallStatistics = ResponseJson<'/api/v1/calls/{id}/statistics', 'get', 200>;
export type FunderFigures = CallStatistics['funders'][number];
export type ScoreDistribution = CallStatistics['score_distributions'][number];
export type ProposalDecisions = ResponseJson<'/api/v1/proposals/{id}/decisions', 'get', 200>;
export type DecisionOutcome = ProposalDecisions['outcome'];
export type PartnerDecision = ProposalDecisions['partners'][number];
export type DecisionBody = RequestJson<'/api/v1/proposals/{id}/partners/{partner_id}/decision', 'put'>;
export type PromotionBody = RequestJson<'/api/v1/proposals/{id}/funding-promotion', 'post'>;
export type Promotion = ResponseJson<'/api/v1/proposals/{id}/funding-promotion', 'post', 201>;
export type ReleaseResponse = ResponseJson<'/api/v1/calls/{id}/release', 'post', 200>;
export type ReleasedOutcome = ReleaseResponse['results'][number]['outcome'];
export type ProposalResult = ResponseJson<'/api/v1/proposals/{id}/result', 'get', 200>;
export type Redress = ResponseJson<'/api/v1/proposals/{id}/redress', 'get', 200>;
