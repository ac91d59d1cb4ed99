import { Navigate } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { useSession } from '../../lib/auth/session';

export function HomeRoute() {
  const { isSignedIn, restoring } = useSession();
  if (restoring) return <PageLoader />;
  return <Navigate to={isSignedIn ? '/me' : '/login'} replace />;
}
