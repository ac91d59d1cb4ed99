import { useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { ResetPasswordForm } from '../../features/auth/components/ResetPasswordForm';
import { useMessages } from '../../i18n';

export function ResetPasswordRoute() {
  const t = useMessages();
  const [params] = useSearchParams();
  return (
    <AuthCard title={t.auth.resetTitle}>
      <ResetPasswordForm token={params.get('token')} />
    </AuthCard>
  );
}
