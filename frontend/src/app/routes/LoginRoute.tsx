import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { PageLoader } from '../../components/PageLoader';
import { LoginForm } from '../../features/auth/components/LoginForm';
import { useMessages } from '../../i18n';
import { useSession } from '../../lib/auth/session';
import { pendingInvitationPath } from '../pendingInvitation';

function targetFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    // Only same-app paths: never an absolute URL.
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  }
  return pendingInvitationPath() ?? '/me';
}

export function LoginRoute() {
  const t = useMessages();
  const { isSignedIn, restoring } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const target = targetFrom(location.state);

  if (restoring) return <PageLoader />;
  if (isSignedIn) return <Navigate to={target} replace />;

  return (
    <AuthCard title={t.auth.loginTitle}>
      <LoginForm onSuccess={() => void navigate(target, { replace: true })} />
      <Text size="sm" ta="center">
        {t.auth.noAccount}{' '}
        <Anchor component={Link} to="/register">
          {t.auth.registerLink}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
