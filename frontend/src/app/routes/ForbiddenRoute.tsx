import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMessages } from '../../i18n';

export function ForbiddenRoute() {
  const t = useMessages();
  return (
    <Stack gap="sm" py="xl">
      <Title order={2}>{t.app.forbiddenTitle}</Title>
      <Text>{t.app.forbiddenBody}</Text>
      <Anchor component={Link} to="/">
        {t.app.backHome}
      </Anchor>
    </Stack>
  );
}
