import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMessages } from '../../i18n';

export function NotFoundRoute() {
  const t = useMessages();
  return (
    <Stack gap="sm" py="xl">
      <Title order={2}>{t.app.notFoundTitle}</Title>
      <Text>{t.app.notFoundBody}</Text>
      <Anchor component={Link} to="/">
        {t.app.backHome}
      </Anchor>
    </Stack>
  );
}
