import { Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMessages } from '../../i18n/index';
import type { Criterion } from '../../lib/api/types';
import { ScoreInput } from './ScoreInput';
import { formatScore, type PlacedReviewErrors, type ReviewFormValues, type ScoreEntry } from '../../lib/scoring';

export const MAX_COMMENT_CHARS = 5000;
export const MAX_OVERALL_CHARS = 10000;

/** The id of a field's input, for focusing the first error. */
export function reviewFieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replaceAll('.', '-')}`;
}

interface Props {
  /** The criteria of the stage, in the call's order. */
  criteria: readonly Criterion[];
  values: ReviewFormValues;
  onChange: (values: ReviewFormValues) => void;
  errors?: PlacedReviewErrors['fields'];
  disabled?: boolean;
  /** Makes the inputs' ids unique on the page. */
  idPrefix: string;
}

const count = (text: string) => [...text].length;

/**
 * The form of a review and of a consensus report: per criterion a score
 * (0 to 5 in half points, the meaning shown at each step) and a comment,
 * then an overall comment. Controlled: the parent owns the values and saves them.
 */
export function ScoringForm({ criteria, values, onChange, errors = {}, disabled = false, idPrefix }: Props) {
  const t = useMessages();
  const locale = t.format.locale;
  const setEntry = (key: string, patch: Partial<ScoreEntry>) => {
    const current = values.scores[key] ?? { score: null, comment: '' };
    onChange({ ...values, scores: { ...values.scores, [key]: { ...current, ...patch } } });
  };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t.reviews.scaleLegend}
      </Text>
      {criteria.map((c) => {
        const entry = values.scores[c.key] ?? { score: null, comment: '' };
        return (
          <Paper key={c.key} withBorder p="md" radius="md" component="fieldset" aria-label={c.label} style={{ margin: 0 }}>
            <Stack gap="sm">
              <div>
                <Title order={3} size="h4">
                  {c.label}
                </Title>
                <Text size="xs" c="dimmed">
                  {t.reviews.criterionInfo(formatScore(c.weight, locale), formatScore(c.threshold, locale))}
                </Text>
              </div>
              <ScoreInput
                id={reviewFieldId(idPrefix, `scores.${c.key}.score`)}
                label={t.reviews.scoreLabel(c.label)}
                value={entry.score}
                onChange={(score) => setEntry(c.key, { score })}
                error={errors[`scores.${c.key}.score`]}
                disabled={disabled}
              />
              <Textarea
                id={reviewFieldId(idPrefix, `scores.${c.key}.comment`)}
                label={t.reviews.commentLabel(c.label)}
                description={t.reviews.commentHint}
                autosize
                minRows={3}
                maxRows={14}
                value={entry.comment}
                onChange={(event) => setEntry(c.key, { comment: event.currentTarget.value })}
                error={errors[`scores.${c.key}.comment`]}
                readOnly={disabled}
                inputWrapperOrder={['label', 'description', 'input', 'error']}
              />
              <Text size="xs" c={count(entry.comment) > MAX_COMMENT_CHARS ? 'red' : 'dimmed'} ta="right">
                {t.reviews.characters(count(entry.comment), MAX_COMMENT_CHARS)}
              </Text>
            </Stack>
          </Paper>
        );
      })}
      <div>
        <Textarea
          id={reviewFieldId(idPrefix, 'overall_comment')}
          label={t.reviews.overallComment}
          description={t.reviews.overallHint}
          autosize
          minRows={4}
          maxRows={20}
          value={values.overall_comment}
          onChange={(event) => onChange({ ...values, overall_comment: event.currentTarget.value })}
          error={errors.overall_comment}
          readOnly={disabled}
        />
        <Text size="xs" c={count(values.overall_comment) > MAX_OVERALL_CHARS ? 'red' : 'dimmed'} ta="right">
          {t.reviews.characters(count(values.overall_comment), MAX_OVERALL_CHARS)}
        </Text>
      </div>
    </Stack>
  );
}
