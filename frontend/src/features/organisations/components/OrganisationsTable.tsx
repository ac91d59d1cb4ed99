import { Table } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { Organisation } from '../../../lib/api/types';

export function OrganisationsTable({ organisations }: { organisations: readonly Organisation[] }) {
  const t = useMessages();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.organisations.name}</Table.Th>
            <Table.Th>{t.organisations.kind}</Table.Th>
            <Table.Th>{t.organisations.country}</Table.Th>
            <Table.Th>{t.organisations.companySize}</Table.Th>
            <Table.Th>{t.organisations.registrationNumber}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organisations.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{o.name}</Table.Td>
              <Table.Td>{t.organisations.kinds[o.kind]}</Table.Td>
              <Table.Td>{o.country}</Table.Td>
              <Table.Td>{o.company_size ? t.organisations.sizes[o.company_size] : t.common.none}</Table.Td>
              <Table.Td>{o.registration_number ?? t.common.none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
