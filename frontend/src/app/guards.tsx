import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { QueryError } from '../components/QueryError';
import type { Role } from '../lib/api/types';
import { useSession } from '../lib/auth/session';
import { useMe } from '../lib/auth/me';
import { TWO_STEP_PATH, useSecondFactor } from '../features/profile/api/secondFactor';
import { ForbiddenRoute } from './routes/ForbiddenRoute';

/** Lets signed-in users through; sends others to the sign-in page and back afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { isSignedIn, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <PageLoader />;
  if (!isSignedIn) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children ?? <Outlet />;
}

/**
 * Sends an account whose roles need two-step sign-in, and that has none yet,
 * to set it up first (the server refuses such accounts everything else).
 */
export function RequireSecondFactor({ children }: { children?: ReactNode }) {
  const status = useSecondFactor();
  const location = useLocation();
  if (status.isPending) return <PageLoader />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.required && !status.data.enrolled) {
    return <Navigate to={TWO_STEP_PATH} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children ?? <Outlet />;
}

/**
 * Shows the page only to users holding `role` (or one of several roles).
 * This is for the user's sake; the server checks every call on its own.
 */
export function RequireRole({ role, children }: { role: Role | readonly Role[]; children?: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  const allowed: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!allowed.some((r) => me.data.roles.includes(r))) return <ForbiddenRoute />;
  return children ?? <Outlet />;
}
