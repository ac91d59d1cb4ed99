import { Alert, Anchor, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useResult } from '../../features/results/api/getResult';
import { ResultView } from '../../features/results/components/ResultView';
import { useMessages } from '../../i18n';
import { isApiError } from '../../lib/problem';

/** /proposals/:id/result: the released result (the decision letter's mail links here); 404 until the release. */
export function ResultRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const result = useResult(id);
  const back = (
    <Anchor component={Link} to={`/proposals/${id}`} size="sm">
      ← {t.results.back}
    </Anchor>
  );
  if (result.isPending) return <PageLoader />;
  if (result.isError) {
    return (
      <Stack gap="md">
        {back}
        {isApiError(result.error) && result.error.status === 404 ? (
          <Alert color="blue" variant="light">
            {t.results.notYet}
          </Alert>
        ) : (
          <QueryError
            error={result.error}
            onRetry={isApiError(result.error) && result.error.status < 500 ? undefined : () => void result.refetch()}
          />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      <ResultView result={result.data} />
    </Stack>
  );
}
