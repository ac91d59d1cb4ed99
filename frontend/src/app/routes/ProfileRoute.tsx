import { Stack, Title } from '@mantine/core';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../lib/auth/me';
import { AffiliationsPanel } from '../../features/profile/components/AffiliationsPanel';
import { ChangePasswordForm } from '../../features/profile/components/ChangePasswordForm';
import { ProfileDetails } from '../../features/profile/components/ProfileDetails';
import { ProfileForm } from '../../features/profile/components/ProfileForm';
import { SecondFactorPanel } from '../../features/profile/components/SecondFactorPanel';
import { SessionsPanel } from '../../features/profile/components/SessionsPanel';
import { useMessages } from '../../i18n';

export function ProfileRoute() {
  const t = useMessages();
  const me = useMe();
  return (
    <Stack gap="lg">
      <Title order={1}>{t.profile.title}</Title>
      {me.isPending ? (
        <PageLoader />
      ) : me.isError ? (
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <>
          <ProfileDetails user={me.data} />
          <ProfileForm user={me.data} />
          <AffiliationsPanel />
          <ChangePasswordForm />
          <SecondFactorPanel />
          <SessionsPanel />
        </>
      )}
    </Stack>
  );
}
