import { Group, Pagination, Text } from '@mantine/core';
import { useMessages } from '../i18n';

/** "1–50 of 120" and page buttons, for a `{ total, limit, offset }` page. */
export function ListPager({
  total,
  pageSize,
  page,
  onPageChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const t = useMessages();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t.common.pageSummary(from, to, total)}
      </Text>
      {pages > 1 && <Pagination total={pages} value={page} onChange={onPageChange} size="sm" />}
    </Group>
  );
}
