import { Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { secondFactorQueryKey, useSecondFactor } from '../../features/profile/api/secondFactor';
import { EnrolSecondFactor } from '../../features/profile/components/EnrolSecondFactor';
import { useMessages } from '../../i18n';

function targetFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  }
  return '/me';
}

/** Setting up two-step sign-in: where staff land until they have, and where the profile links. */
export function TwoStepRoute() {
  const t = useMessages();
  const status = useSecondFactor();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const target = targetFrom(location.state);
  // Once confirmed the status says enrolled, but the recovery codes are still on screen.
  const [enrolling, setEnrolling] = useState(false);

  if (status.isPending) return <PageLoader />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.enrolled && !enrolling) return <Navigate to={target} replace />;
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t.twoStep.setupTitle}</Title>
      <EnrolSecondFactor
        required={status.data.required}
        onStart={() => setEnrolling(true)}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: secondFactorQueryKey });
          void navigate(target, { replace: true });
        }}
      />
    </Stack>
  );
}
