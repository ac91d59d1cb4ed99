import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { callQueryKey, useCall } from '../../lib/api/call';
import { useCallDefaults } from '../../features/calls/api/getCallDefaults';
import { CallEditor } from '../../features/calls/components/CallEditor';
import { isEditable } from '../../features/calls/status';
import { useMessages } from '../../i18n';

function NewCall() {
  const t = useMessages();
  const navigate = useNavigate();
  const defaults = useCallDefaults();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/calls" size="sm">
        ← {t.calls.back}
      </Anchor>
      <Title order={1}>{t.calls.editor.newTitle}</Title>
      {defaults.isPending ? (
        <PageLoader />
      ) : defaults.isError ? (
        <QueryError error={defaults.error} onRetry={() => void defaults.refetch()} />
      ) : (
        <CallEditor
          initial={{ title: '', description: '', settings: defaults.data }}
          onSaved={(call) => void navigate(`/calls/${call.id}`)}
          onCancel={() => void navigate('/calls')}
        />
      )}
    </Stack>
  );
}

function EditCall({ id }: { id: string }) {
  const t = useMessages();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const call = useCall(id);
  if (call.isPending) return <PageLoader />;
  if (call.isError) return <QueryError error={call.error} onRetry={() => void call.refetch()} />;
  const c = call.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/calls/${c.id}`} size="sm">
        ← {c.title}
      </Anchor>
      <Title order={1}>{t.calls.editor.editTitle(c.title)}</Title>
      {isEditable(c.status) ? (
        <CallEditor
          // A reloaded call (new version) starts a fresh form.
          key={`${c.id}:${c.version}`}
          call={c}
          initial={c}
          onSaved={(saved) => void navigate(`/calls/${saved.id}`)}
          onCancel={() => void navigate(`/calls/${c.id}`)}
          onReload={() => void queryClient.invalidateQueries({ queryKey: callQueryKey(c.id) })}
        />
      ) : (
        <Alert color="orange" variant="light">
          {t.calls.notEditable}
        </Alert>
      )}
    </Stack>
  );
}

/** /calls/new and /calls/:id/edit */
export function CallEditorRoute() {
  const { id } = useParams();
  return id ? <EditCall id={id} /> : <NewCall />;
}
