import { AuthCard } from '../../components/AuthCard';
import { ForgotPasswordForm } from '../../features/auth/components/ForgotPasswordForm';
import { useMessages } from '../../i18n';

export function ForgotPasswordRoute() {
  const t = useMessages();
  return (
    <AuthCard title={t.auth.forgotTitle}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
