import { Anchor, Group, Input, Radio, SimpleGrid, Text } from '@mantine/core';
import { useMessages } from '../../i18n/index';
import { SCORE_STEPS, formatScore, scoreMeaning } from '../../lib/scoring';

interface Props {
  id: string;
  label: string;
  description?: string;
  value: number | null;
  onChange: (score: number | null) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * A score from 0 to 5 in half points: one card per step, each with its
 * meaning ("3.5: Between good and very good"), so the scale is read where it is used.
 */
export function ScoreInput({ id, label, description, value, onChange, error, disabled }: Props) {
  const t = useMessages();
  const locale = t.format.locale;
  return (
    <Radio.Group
      id={id}
      label={label}
      description={description}
      value={value === null ? null : String(value)}
      onChange={(next) => onChange(Number(next))}
      error={error}
    >
      <SimpleGrid cols={{ base: 3, xs: 4, sm: 6, lg: 11 }} spacing={6} mt={6}>
        {SCORE_STEPS.map((step) => {
          const meaning = scoreMeaning(step, t);
          const checked = value === step;
          return (
            <Radio.Card
              key={step}
              value={String(step)}
              disabled={disabled}
              aria-label={t.reviews.scoreOption(formatScore(step, locale), meaning)}
              radius="sm"
              p={6}
              bg={checked ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ borderColor: checked ? 'var(--mantine-primary-color-filled)' : undefined }}
            >
              <Text fw={700} ta="center" size="sm">
                {formatScore(step, locale)}
              </Text>
              <Text size="xs" ta="center" lh={1.2}>
                {meaning}
              </Text>
            </Radio.Card>
          );
        })}
      </SimpleGrid>
      {value !== null && !disabled && (
        <Group justify="flex-end" mt={4}>
          <Anchor component="button" type="button" size="xs" onClick={() => onChange(null)}>
            {t.reviews.clearScore}
          </Anchor>
        </Group>
      )}
      {value === null && (
        <Input.Description mt={4}>{t.reviews.noScore}</Input.Description>
      )}
    </Radio.Group>
  );
}
