import { Center, Loader } from '@mantine/core';
import { useMessages } from '../i18n';

export function PageLoader() {
  const t = useMessages();
  return (
    <Center py="xl" role="status" aria-label={t.app.loading}>
      <Loader />
    </Center>
  );
}
