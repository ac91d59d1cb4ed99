import { Button, CopyButton, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMessages } from '../../../i18n';

/** Recovery codes, shown once after they are made, with a way to copy them all. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useMessages();
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={3}>{t.twoStep.recoveryTitle}</Title>
        <Text size="sm">{t.twoStep.recoveryIntro}</Text>
        <List ff="monospace" spacing={4} aria-label={t.twoStep.recoveryTitle}>
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} style={{ alignSelf: 'flex-start' }}>
              {copied ? t.twoStep.copied : t.twoStep.copyCodes}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone} style={{ alignSelf: 'flex-start' }}>
          {t.twoStep.savedCodes}
        </Button>
      </Stack>
    </Paper>
  );
}
