import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { errorMessage } from '../../../lib/problem';
import { downloadExport, type ExportKind } from '../api/downloadExport';

/** CSV downloads, fetched with the session's token and saved as files. */
export function ExportButtons({ callId, acronym }: { callId: string; acronym: string }) {
  const t = useMessages();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items: { kind: ExportKind; label: string }[] = [
    { kind: 'ranking', label: t.funding.exportRanking },
    { kind: 'funding-plan', label: t.funding.exportPlan },
    { kind: 'decisions', label: t.funding.exportDecisions },
  ];
  return (
    <Stack gap="xs">
      <Text fw={600}>{t.funding.exportsTitle}</Text>
      <FormError message={error} />
      <Group gap="sm">
        {items.map((item) => (
          <Button
            key={item.kind}
            variant="default"
            size="xs"
            loading={busy === item.kind}
            onClick={() => {
              setBusy(item.kind);
              setError(null);
              downloadExport(callId, item.kind, `${acronym}-${item.kind}.csv`)
                .catch((e: unknown) => setError(errorMessage(e, t)))
                .finally(() => setBusy(null));
            }}
          >
            {item.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
