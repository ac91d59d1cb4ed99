import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EnvelopeUse } from '../../../lib/api/types';
import { renderWithProviders } from '../../../test/utils';
import { envelopeSegments } from '../chart';
import { EnvelopeChart } from './EnvelopeChart';

const envelope = (over: Partial<EnvelopeUse> = {}): EnvelopeUse => ({
  agency: 'MECO',
  total_cents: 100_000_000,
  committed_cents: 25_000_000,
  proposed_cents: 50_000_000,
  remaining_cents: 25_000_000,
  ...over,
});

describe('envelopeSegments', () => {
  it('splits the bar by the total', () => {
    expect(envelopeSegments(envelope())).toEqual({ committed: 0.25, proposed: 0.5, remaining: 0.25, overCents: 0 });
  });

  it('scales to committed + proposed when they exceed the total, leaving nothing', () => {
    const s = envelopeSegments(envelope({ total_cents: 50_000_000, remaining_cents: -25_000_000 }));
    expect(s.committed).toBeCloseTo(1 / 3);
    expect(s.proposed).toBeCloseTo(2 / 3);
    expect(s.remaining).toBe(0);
    expect(s.overCents).toBe(25_000_000);
  });

  it('draws an empty envelope without dividing by zero', () => {
    const s = envelopeSegments(envelope({ total_cents: 0, committed_cents: 0, proposed_cents: 0, remaining_cents: 0 }));
    expect(s).toEqual({ committed: 0, proposed: 0, remaining: 0, overCents: 0 });
  });
});

describe('EnvelopeChart', () => {
  it('is an image whose label says every figure in euros', () => {
    renderWithProviders(<EnvelopeChart envelope={envelope()} />);
    const img = screen.getByRole('img', {
      name: 'MECO envelope of €1,000,000.00: €250,000.00 committed, €500,000.00 proposed, €250,000.00 remaining.',
    });
    const widths = [...img.querySelectorAll('rect')].map((r) => [r.getAttribute('data-part'), Number(r.getAttribute('width'))]);
    expect(widths).toEqual([
      ['committed', 100],
      ['proposed', 200],
      ['remaining', 100],
    ]);
  });

  it('shows the figures as text too', () => {
    renderWithProviders(<EnvelopeChart envelope={envelope()} />);
    expect(screen.getByText('Total: €1,000,000.00')).toBeInTheDocument();
    expect(screen.getByText('Committed: €250,000.00')).toBeInTheDocument();
    expect(screen.getByText('Proposed: €500,000.00')).toBeInTheDocument();
    expect(screen.getByText('Remaining: €250,000.00')).toBeInTheDocument();
  });

  it('says by how much a what-if overshoots the envelope', () => {
    renderWithProviders(
      <EnvelopeChart envelope={envelope({ total_cents: 50_000_000, remaining_cents: 0 })} />,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Over by €250,000.00');
    expect(screen.getByText('Over by €250,000.00')).toBeInTheDocument();
  });
});
