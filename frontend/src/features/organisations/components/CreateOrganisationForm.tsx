import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import {
  COMPANY_SIZES,
  ORGANISATION_KINDS,
  type CompanySize,
  type Organisation,
  type OrganisationKind,
} from '../../../lib/api/types';
import { applyProblemToForm } from '../../../lib/forms';
import { useCreateOrganisation } from '../api/createOrganisation';

interface Values {
  name: string;
  kind: OrganisationKind | '';
  country: string;
  company_size: CompanySize | '';
  registration_number: string;
}

const initialValues: Values = { name: '', kind: '', country: '', company_size: '', registration_number: '' };

/** `onCreated` gets the new organisation, e.g. to pick it right away. */
export function CreateOrganisationForm({ onCreated }: { onCreated?: (organisation: Organisation) => void } = {}) {
  const t = useMessages();
  const create = useCreateOrganisation();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validate: {
      name: (value) => (value.trim() ? null : t.errors.required),
      kind: (value) => (value ? null : t.errors.required),
      country: (value) => (/^[A-Za-z]{2}$/.test(value.trim()) ? null : t.organisations.countryHint),
      // The API requires a size for companies and refuses one for the others.
      company_size: (value, values) =>
        values.kind === 'company' && !value ? t.organisations.companySizeRequired : null,
    },
  });
  const isCompany = form.values.kind === 'company';

  const handleSubmit = form.onSubmit((values) => {
    if (!values.kind) return;
    setGeneral(null);
    const registration = values.registration_number.trim();
    create.mutate(
      {
        name: values.name.trim(),
        kind: values.kind,
        country: values.country.trim().toUpperCase(),
        company_size: values.kind === 'company' && values.company_size ? values.company_size : null,
        registration_number: registration === '' ? null : registration,
      },
      {
        onSuccess: (organisation) => {
          form.reset();
          onCreated?.(organisation);
          notifications.show({ color: 'green', message: t.organisations.created });
        },
        onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t.organisations.createTitle}</Title>
          <FormError message={general} />
          <TextInput label={t.organisations.name} required {...form.getInputProps('name')} />
          <Group grow align="flex-start">
            <Select
              label={t.organisations.kind}
              required
              data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t.organisations.kinds[k] }))}
              {...form.getInputProps('kind')}
            />
            <TextInput
              label={t.organisations.country}
              description={t.organisations.countryHint}
              required
              maxLength={2}
              {...form.getInputProps('country')}
            />
          </Group>
          <Group grow align="flex-start">
            {isCompany && (
              <Select
                label={t.organisations.companySize}
                required
                data={COMPANY_SIZES.map((s) => ({ value: s, label: t.organisations.sizes[s] }))}
                {...form.getInputProps('company_size')}
              />
            )}
            <TextInput label={t.organisations.registrationNumber} {...form.getInputProps('registration_number')} />
          </Group>
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t.organisations.createSubmit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
