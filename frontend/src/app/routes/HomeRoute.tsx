import { Navigate } from 'react-router';
import { useSession } from '../../lib/auth/session';

export function HomeRoute() {
  const { isSignedIn } = useSession();
  return <Navigate to={isSignedIn ? '/me' : '/login'} replace />;
}
