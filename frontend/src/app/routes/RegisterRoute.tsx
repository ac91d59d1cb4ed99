import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { RegisterForm } from '../../features/auth/components/RegisterForm';
import { useMessages } from '../../i18n';

export function RegisterRoute() {
  const t = useMessages();
  return (
    <AuthCard title={t.auth.registerTitle}>
      <RegisterForm />
      <Text size="sm" ta="center">
        {t.auth.haveAccount}{' '}
        <Anchor component={Link} to="/login">
          {t.auth.loginLink}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
