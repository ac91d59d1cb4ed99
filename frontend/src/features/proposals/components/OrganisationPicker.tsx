import { Anchor, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { errorMessage, isApiError } from '../../../lib/problem';
import { CreateOrganisationForm } from '../../organisations/components/CreateOrganisationForm';
import { useAddAffiliation } from '../../profile/api/addAffiliation';
import { useAffiliations } from '../../profile/api/getAffiliations';

interface Props {
  value: string | null;
  onChange: (organisationId: string | null) => void;
  error?: string | null;
  label?: string;
  description?: string;
}

/**
 * Picks one of the caller's organisations (their affiliations), or creates a
 * new one inline, affiliates the caller with it and picks it.
 */
export function OrganisationPicker({ value, onChange, error, label, description }: Props) {
  const t = useMessages();
  const affiliations = useAffiliations();
  const addAffiliation = useAddAffiliation();
  const [creating, setCreating] = useState(false);
  const [affiliationError, setAffiliationError] = useState<string | null>(null);

  if (affiliations.isError) return <QueryError error={affiliations.error} onRetry={() => void affiliations.refetch()} />;
  const options = (affiliations.data ?? []).map((a) => ({ value: a.organisation_id, label: a.organisation_name }));
  const none = affiliations.isSuccess && options.length === 0;
  const showCreate = creating || none;

  return (
    <Stack gap="xs">
      {!none && (
        <Select
          label={label ?? t.proposals.organisation}
          description={description}
          required
          data={options}
          value={value}
          onChange={onChange}
          error={error}
          disabled={affiliations.isPending}
          searchable
        />
      )}
      {none && <Text size="sm">{t.proposals.noOrganisation}</Text>}
      {none && error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
      {!none && (
        <Anchor component="button" type="button" size="sm" onClick={() => setCreating((c) => !c)}>
          {creating ? t.proposals.useExistingOrganisation : t.proposals.createOrganisationInline}
        </Anchor>
      )}
      {affiliationError && (
        <Text size="sm" c="red" role="alert">
          {affiliationError}
        </Text>
      )}
      {showCreate && (
        <CreateOrganisationForm
          onCreated={(organisation) => {
            setAffiliationError(null);
            addAffiliation.mutate(
              { organisation_id: organisation.id },
              {
                onSuccess: () => {
                  onChange(organisation.id);
                  setCreating(false);
                },
                onError: (e) => {
                  // 409: already affiliated; that is what we wanted.
                  if (isApiError(e) && e.status === 409) {
                    onChange(organisation.id);
                    setCreating(false);
                    void affiliations.refetch();
                  } else setAffiliationError(errorMessage(e, t));
                },
              },
            );
          }}
        />
      )}
    </Stack>
  );
}
