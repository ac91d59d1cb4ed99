import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireAuth, RequireRole, RequireSecondFactor } from './guards';
import { CALL_MANAGER_ROLES } from '../features/calls/status';
import { AdminUsersRoute } from './routes/AdminUsersRoute';
import { CallEditorRoute } from './routes/CallEditorRoute';
import { CallRoute } from './routes/CallRoute';
import { CallsRoute } from './routes/CallsRoute';
import { ForgotPasswordRoute } from './routes/ForgotPasswordRoute';
import { HomeRoute } from './routes/HomeRoute';
import { LoginRoute } from './routes/LoginRoute';
import { NotFoundRoute } from './routes/NotFoundRoute';
import { OrganisationsRoute } from './routes/OrganisationsRoute';
import { ProfileRoute } from './routes/ProfileRoute';
import { RegisterRoute } from './routes/RegisterRoute';
import { ResetPasswordRoute } from './routes/ResetPasswordRoute';
import { VerifyEmailRoute } from './routes/VerifyEmailRoute';
import { AcceptInvitationRoute } from './routes/AcceptInvitationRoute';
import { ProposalRoute } from './routes/ProposalRoute';
import { ReceiptRoute } from './routes/ReceiptRoute';
import { AcceptExpertInvitationRoute } from './routes/AcceptExpertInvitationRoute';
import { AuditRoute } from './routes/AuditRoute';
import { CallEvaluationRoute } from './routes/CallEvaluationRoute';
import { ConsensusRoute } from './routes/ConsensusRoute';
import { OutboxRoute } from './routes/OutboxRoute';
import { ProposalEvaluationRoute } from './routes/ProposalEvaluationRoute';
import { ReplyRoute } from './routes/ReplyRoute';
import { ReviewAssignmentRoute } from './routes/ReviewAssignmentRoute';
import { ReviewProposalRoute } from './routes/ReviewProposalRoute';
import { ReviewsRoute } from './routes/ReviewsRoute';
import { FundingIndexRoute } from './routes/FundingIndexRoute';
import { FundingRoute } from './routes/FundingRoute';
import { RedressRoute } from './routes/RedressRoute';
import { ResultRoute } from './routes/ResultRoute';
import { TwoStepRoute } from './routes/TwoStepRoute';
import { FUNDING_ROLES } from '../features/funding/roles';

/** Paths must stay in step with the links the server puts in emails. */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: 'verify-email', element: <VerifyEmailRoute /> },
      { path: 'forgot-password', element: <ForgotPasswordRoute /> },
      { path: 'reset-password', element: <ResetPasswordRoute /> },
      // Public: shows how to sign in first, then comes back here.
      { path: 'invitations/accept', element: <AcceptInvitationRoute /> },
      { path: 'expert-invitations/accept', element: <AcceptExpertInvitationRoute /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'two-step', element: <TwoStepRoute /> },
          {
            element: <RequireSecondFactor />,
            children: [
          { path: 'calls', element: <CallsRoute /> },
          { path: 'calls/:id', element: <CallRoute /> },
          {
            element: <RequireRole role={CALL_MANAGER_ROLES} />,
            children: [
              { path: 'calls/new', element: <CallEditorRoute /> },
              { path: 'calls/:id/edit', element: <CallEditorRoute /> },
              { path: 'calls/:id/evaluation', element: <CallEvaluationRoute /> },
              { path: 'proposals/:id/evaluation', element: <ProposalEvaluationRoute /> },
              { path: 'outbox', element: <OutboxRoute /> },
            ],
          },
          {
            element: <RequireRole role={FUNDING_ROLES} />,
            children: [
              { path: 'funding', element: <FundingIndexRoute /> },
              { path: 'calls/:id/funding', element: <FundingRoute /> },
            ],
          },
          { path: 'proposals/:id', element: <ProposalRoute /> },
          // The decision letter's mail links to both; the server decides who may read them.
          { path: 'proposals/:id/result', element: <ResultRoute /> },
          { path: 'proposals/:id/redress', element: <RedressRoute /> },
          { path: 'proposals/:id/receipt', element: <ReceiptRoute /> },
          // The server decides: the rapporteur and the operator see the consensus, the consortium its reply.
          { path: 'proposals/:id/consensus', element: <ConsensusRoute /> },
          { path: 'proposals/:id/reply', element: <ReplyRoute /> },
          { path: 'reviews', element: <ReviewsRoute /> },
          { path: 'reviews/:assignmentId', element: <ReviewAssignmentRoute /> },
          { path: 'reviews/:assignmentId/proposal', element: <ReviewProposalRoute /> },
          { path: 'me', element: <ProfileRoute /> },
          { path: 'organisations', element: <OrganisationsRoute /> },
          {
            path: 'admin',
            element: <RequireRole role="admin" />,
            children: [
              { path: 'users', element: <AdminUsersRoute /> },
              { path: 'audit', element: <AuditRoute /> },
            ],
          },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
