import { Table, VisuallyHidden } from '@mantine/core';
import { useMessages } from '../i18n';

/** The header of a table's column of buttons: no visible text, a name for assistive technology. */
export function ActionsHeader({ label }: { label?: string }) {
  const t = useMessages();
  return (
    <Table.Th>
      <VisuallyHidden>{label ?? t.common.actions}</VisuallyHidden>
    </Table.Th>
  );
}
