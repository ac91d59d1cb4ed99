import { useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { VerifyEmail } from '../../features/auth/components/VerifyEmail';
import { useMessages } from '../../i18n';

export function VerifyEmailRoute() {
  const t = useMessages();
  const [params] = useSearchParams();
  return (
    <AuthCard title={t.auth.verifyTitle}>
      <VerifyEmail token={params.get('token')} />
    </AuthCard>
  );
}
