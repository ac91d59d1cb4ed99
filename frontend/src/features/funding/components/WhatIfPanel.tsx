import { Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages, type Messages } from '../../../i18n';
import type { FundingPlan, WhatIfBody } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { ApiError, errorMessage } from '../../../lib/problem';
import { useWhatIfFundingPlan } from '../api/whatIfFundingPlan';
import {
  buildWhatIfRequest,
  draftFromPlan,
  envelopeKey,
  grantKey,
  inputKeyOfServerField,
  type WhatIfDraft,
  type WhatIfInputError,
} from '../whatIf';

function inputErrorText(error: WhatIfInputError, t: Messages): string {
  return error.kind === 'invalid'
    ? t.funding.amountInvalid
    : t.funding.amountTooHigh(formatEuros(error.maxCents, t.format.locale));
}

/**
 * Envelopes per agency and grants to the viewer's partners, typed in euros; "Show the plan" asks
 * the server for the plan under the changes (nothing stored), "Reset" goes back to the stored one.
 */
export function WhatIfPanel({
  callId,
  plan,
  onResult,
}: {
  callId: string;
  /** The stored plan: the inputs start from it and changes are measured against it. */
  plan: FundingPlan;
  onResult: (plan: FundingPlan | null) => void;
}) {
  const t = useMessages();
  const whatIf = useWhatIfFundingPlan();
  const [draft, setDraft] = useState<WhatIfDraft>(() => draftFromPlan(plan));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const partners = plan.entries.flatMap((entry) => entry.partners.map((p) => ({ ...p, acronym: entry.acronym })));

  const clearError = (key: string) =>
    setErrors((e) => {
      const next = { ...e };
      delete next[key];
      return next;
    });

  const showServerProblem = (error: unknown, body: WhatIfBody) => {
    if (!(error instanceof ApiError)) {
      setGeneral(errorMessage(error, t));
      return;
    }
    const placed: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const entry of error.problem.errors ?? []) {
      const key = inputKeyOfServerField(entry.field, body);
      if (key) placed[key] = placed[key] ? `${placed[key]} ${entry.message}` : entry.message;
      else unplaced.push(entry.message);
    }
    setErrors(placed);
    setGeneral(unplaced.length > 0 ? unplaced.join(' ') : Object.keys(placed).length > 0 ? null : errorMessage(error, t));
  };

  return (
    <form
      noValidate
      aria-labelledby="what-if-title"
      onSubmit={(event) => {
        event.preventDefault();
        setGeneral(null);
        const built = buildWhatIfRequest(plan, draft);
        if (!built.ok) {
          setErrors(Object.fromEntries(Object.entries(built.errors).map(([k, v]) => [k, inputErrorText(v, t)])));
          return;
        }
        setErrors({});
        if (built.changes === 0) {
          setGeneral(t.funding.whatIfNoChange);
          return;
        }
        whatIf.mutate(
          { callId, body: built.body },
          { onSuccess: (result) => onResult(result), onError: (error) => showServerProblem(error, built.body) },
        );
      }}
    >
      <Stack gap="md">
        <Title order={2} id="what-if-title">
          {t.funding.whatIfTitle}
        </Title>
        <Text size="sm">{t.funding.whatIfHint}</Text>
        <FormError message={general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {plan.envelopes.map((e) => {
            const key = envelopeKey(e.agency);
            return (
              <TextInput
                key={key}
                id={`what-if-${key}`}
                label={t.funding.envelopeOf(e.agency)}
                inputMode="decimal"
                value={draft.envelopes[e.agency] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setDraft((d) => ({ ...d, envelopes: { ...d.envelopes, [e.agency]: value } }));
                  clearError(key);
                }}
                error={errors[key]}
              />
            );
          })}
        </SimpleGrid>
        {partners.length > 0 && (
          <Stack gap="xs">
            <Text fw={600}>{t.funding.grantsTitle}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {partners.map((p) => {
                const key = grantKey(p.partner_id);
                return (
                  <TextInput
                    key={key}
                    id={`what-if-${key}`}
                    label={t.funding.grantOf(p.organisation, p.acronym)}
                    description={t.funding.atMost(formatEuros(p.requested_cents, t.format.locale))}
                    inputMode="decimal"
                    value={draft.grants[p.partner_id] ?? ''}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setDraft((d) => ({ ...d, grants: { ...d.grants, [p.partner_id]: value } }));
                      clearError(key);
                    }}
                    error={errors[key]}
                  />
                );
              })}
            </SimpleGrid>
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={whatIf.isPending}>
            {t.funding.tryWhatIf}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(draftFromPlan(plan));
              setErrors({});
              setGeneral(null);
              onResult(null);
            }}
          >
            {t.funding.reset}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
