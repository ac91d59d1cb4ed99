import { Group, Stack, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { EnvelopeUse } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { envelopeSegments } from '../chart';

/** Theme colours: dark enough against white for the 3:1 of graphical objects. */
export const PART_COLORS = {
  committed: 'var(--mantine-color-blue-8)',
  proposed: 'var(--mantine-color-teal-7)',
  remaining: 'var(--mantine-color-gray-3)',
} as const;

function Swatch({ color }: { color: string }) {
  return <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, background: color, borderRadius: 2 }} />;
}

/**
 * One agency's envelope as a stacked bar: committed by decisions, proposed by the plan's fundable
 * proposals, and what remains of the total; the figures are in the image's label and below it.
 */
export function EnvelopeChart({ envelope: e }: { envelope: EnvelopeUse }) {
  const t = useMessages();
  const euros = (cents: number) => formatEuros(cents, t.format.locale);
  const s = envelopeSegments(e);
  const width = 400;
  const parts = [
    { key: 'committed', fraction: s.committed, color: PART_COLORS.committed },
    { key: 'proposed', fraction: s.proposed, color: PART_COLORS.proposed },
    { key: 'remaining', fraction: s.remaining, color: PART_COLORS.remaining },
  ] as const;
  let x = 0;
  const label = t.funding.envelopeLabel(
    e.agency,
    euros(e.total_cents),
    euros(e.committed_cents),
    euros(e.proposed_cents),
    euros(e.remaining_cents),
  );
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={600}>{e.agency}</Text>
        <Text size="sm">
          {t.funding.total}: {euros(e.total_cents)}
        </Text>
      </Group>
      <svg
        role="img"
        aria-label={s.overCents > 0 ? `${label} ${t.funding.overBy(euros(s.overCents))}` : label}
        viewBox={`0 0 ${width} 24`}
        width="100%"
        height={24}
        preserveAspectRatio="none"
      >
        {parts.map((part) => {
          const w = part.fraction * width;
          const rect = <rect key={part.key} data-part={part.key} x={x} y={0} width={w} height={24} fill={part.color} />;
          x += w;
          return rect;
        })}
      </svg>
      <Group gap="md" aria-hidden>
        <Group gap={4}>
          <Swatch color={PART_COLORS.committed} />
          <Text size="xs">
            {t.funding.committed}: {euros(e.committed_cents)}
          </Text>
        </Group>
        <Group gap={4}>
          <Swatch color={PART_COLORS.proposed} />
          <Text size="xs">
            {t.funding.proposed}: {euros(e.proposed_cents)}
          </Text>
        </Group>
        <Group gap={4}>
          <Swatch color={PART_COLORS.remaining} />
          <Text size="xs">
            {t.funding.remaining}: {euros(e.remaining_cents)}
          </Text>
        </Group>
        {s.overCents > 0 && (
          <Text size="xs" c="red" fw={600}>
            {t.funding.overBy(euros(s.overCents))}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
