import { Button, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages, type Messages } from '../../../i18n';
import type { DecisionBody, PartnerDecision } from '../../../lib/api/types';
import { centsToEuroInput, formatEuros, parseEurosToCents } from '../../../lib/money';
import { isApiError, problemForForm } from '../../../lib/problem';
import { instantLine } from '../../../lib/zoned';
import { useDecide } from '../api/decide';
import { decisionsQueryKey } from '../../../lib/queryKeys/funding';
import { problemCode } from '../../../lib/problem';

type Choice = 'approved' | 'rejected';

export interface DecisionCheck {
  body: DecisionBody | null;
  errors: { amount_cents?: string; comment?: string };
}

/** The request for a decision, or why it cannot be sent: an approval needs 0 < amount ≤ requested, a rejection a comment. */
export function checkDecision(
  choice: Choice,
  amountText: string,
  comment: string,
  requestedCents: number,
  t: Messages,
): DecisionCheck {
  const trimmed = comment.trim();
  if (choice === 'rejected') {
    if (trimmed === '') return { body: null, errors: { comment: t.funding.commentRequired } };
    return { body: { decision: 'rejected', comment: trimmed }, errors: {} };
  }
  const parsed = parseEurosToCents(amountText);
  if (!parsed.ok) return { body: null, errors: { amount_cents: t.funding.amountInvalid } };
  if (parsed.cents > requestedCents) {
    return { body: null, errors: { amount_cents: t.funding.amountTooHigh(formatEuros(requestedCents, t.format.locale)) } };
  }
  return {
    body: { decision: 'approved', amount_cents: parsed.cents, ...(trimmed ? { comment: trimmed } : {}) },
    errors: {},
  };
}

/** A readable sentence for a refused decision; null to fall back to the server's. */
export function decisionProblem(error: unknown, agency: string, t: Messages): string | null {
  switch (problemCode(error)) {
    case 'envelope-exceeded':
      return t.funding.problems['envelope-exceeded'](agency);
    case 'call-not-in-evaluation':
      return t.funding.problems['call-not-in-evaluation'];
    case 'not-on-main-list':
      return t.funding.problems['not-on-main-list'];
    case 'proposal-on-reserve':
      return t.funding.problems['proposal-on-reserve'];
    case 'another-funders-partner':
      return t.funding.problems['another-funders-partner'];
    default:
      return null;
  }
}

/**
 * A funder's decision for one partner: approve an amount (the requested grant at most, and by
 * default) or reject with a reason. Sent with If-Match on the decision's version; a 412 reloads it.
 */
export function DecisionForm({ proposalId, partner }: { proposalId: string; partner: PartnerDecision }) {
  const t = useMessages();
  const queryClient = useQueryClient();
  const decide = useDecide({ onSuccess: () => notifications.show({ color: 'green', message: t.funding.decisionSaved }) });
  const [choice, setChoice] = useState<Choice>(partner.decision ?? 'approved');
  const [amount, setAmount] = useState(
    centsToEuroInput(partner.decision === 'approved' ? (partner.amount_cents ?? partner.requested_cents) : partner.requested_cents),
  );
  const [comment, setComment] = useState(partner.comment ?? '');
  const [errors, setErrors] = useState<DecisionCheck['errors']>({});
  const [general, setGeneral] = useState<string | null>(null);
  const id = `decision-${partner.partner_id}`;
  const requested = formatEuros(partner.requested_cents, t.format.locale);

  return (
    <form
      noValidate
      aria-label={partner.organisation}
      onSubmit={(event) => {
        event.preventDefault();
        setGeneral(null);
        const check = checkDecision(choice, amount, comment, partner.requested_cents, t);
        setErrors(check.errors);
        if (!check.body) return;
        decide.mutate(
          { proposalId, partnerId: partner.partner_id, version: partner.version, body: check.body },
          {
            onError: (error) => {
              if (isApiError(error) && error.status === 412) {
                setGeneral(t.funding.staleDecision);
                void queryClient.invalidateQueries({ queryKey: decisionsQueryKey(proposalId) });
                return;
              }
              const known = decisionProblem(error, partner.agency, t);
              if (known) {
                setGeneral(known);
                return;
              }
              const { fieldErrors, generalMessage } = problemForForm(error, ['amount_cents', 'comment'], t);
              setErrors(fieldErrors);
              setGeneral(generalMessage);
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <FormError message={general} />
        <SegmentedControl
          aria-label={t.funding.decision}
          value={choice}
          onChange={(value) => {
            setChoice(value === 'rejected' ? 'rejected' : 'approved');
            setErrors({});
          }}
          data={[
            { value: 'approved', label: t.funding.approve },
            { value: 'rejected', label: t.funding.reject },
          ]}
        />
        {choice === 'approved' && (
          <TextInput
            id={`${id}-amount`}
            label={t.funding.amount}
            description={t.funding.amountHint(requested)}
            value={amount}
            inputMode="decimal"
            onChange={(event) => {
              setAmount(event.currentTarget.value);
              setErrors((e) => ({ ...e, amount_cents: undefined }));
            }}
            error={errors.amount_cents}
          />
        )}
        <Textarea
          id={`${id}-comment`}
          label={t.funding.comment}
          description={t.funding.commentHint}
          withAsterisk={choice === 'rejected'}
          autosize
          minRows={2}
          value={comment}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setErrors((e) => ({ ...e, comment: undefined }));
          }}
          error={errors.comment}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {partner.decided_at ? t.funding.decidedOn(instantLine(partner.decided_at, undefined, t)) : t.funding.noDecision}
          </Text>
          <Button type="submit" loading={decide.isPending}>
            {t.funding.saveDecision}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
