import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FULL_CRITERIA, makeConsensus } from '../../../test/reviews';
import { renderWithProviders } from '../../../test/utils';
import { ReviewsSideBySide } from './ReviewsSideBySide';

function renderTable(spreadFlags: string[]) {
  const c = makeConsensus({ spread_flags: spreadFlags });
  renderWithProviders(<ReviewsSideBySide criteria={FULL_CRITERIA} reviews={c.reviews} spreadFlags={c.spread_flags} />);
}

describe('ReviewsSideBySide', () => {
  it('shows the reviews under their letters, one column each, never names', () => {
    renderTable(['impact']);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Criterion', 'Expert A', 'Expert B', 'Expert CNot submitted yet']);
    const impact = screen.getByRole('row', { name: /Impact/ });
    expect(within(impact).getByText('A: the market is unclear.')).toBeInTheDocument();
    expect(within(impact).getByText('B: strong impact.')).toBeInTheDocument();
    expect(within(impact).getByText('Not submitted yet')).toBeInTheDocument();
  });

  it('highlights the criteria the server flagged, with the spread and the scores that make it', () => {
    renderTable(['impact']);
    const impact = screen.getByRole('row', { name: /Impact/ });
    expect(impact).toHaveAttribute('data-flagged', 'true');
    expect(within(impact).getByText('Scores differ by 2 points or more')).toBeInTheDocument();
    expect(within(impact).getByText('Spread: 2.5 points')).toBeInTheDocument();
    // The lowest (1.5) and the highest (4) are marked; the unsubmitted review is not part of it.
    const extremes = impact.querySelectorAll('[data-extreme="true"]');
    expect([...extremes].map((cell) => cell.textContent)).toEqual([
      expect.stringContaining('1.5'),
      expect.stringContaining('4'),
    ]);

    for (const name of [/Excellence/, /Implementation/]) {
      const row = screen.getByRole('row', { name });
      expect(row).not.toHaveAttribute('data-flagged');
      expect(within(row).queryByText('Scores differ by 2 points or more')).not.toBeInTheDocument();
    }
    // Excellence differs by half a point: shown, not flagged.
    expect(within(screen.getByRole('row', { name: /Excellence/ })).getByText('Spread: 0.5 points')).toBeInTheDocument();
  });

  it('trusts the server’s flags: nothing is highlighted when it flags nothing', () => {
    renderTable([]);
    expect(screen.queryByText('Scores differ by 2 points or more')).not.toBeInTheDocument();
    expect(document.querySelectorAll('[data-flagged]')).toHaveLength(0);
  });
});
