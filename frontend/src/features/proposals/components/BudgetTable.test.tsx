import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProposal } from '../../../test/proposals';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { BudgetEditor } from './BudgetTable';

afterEach(() => {
  vi.unstubAllGlobals();
});

const partner = makeProposal().partners[0]!;
const budget = {
  partner_id: partner.id,
  lines: [{ year: 1, category: 'personnel' as const, amount_cents: 1_000_000 }],
  total_cents: 1_000_000,
  version: 2,
};

describe('BudgetEditor', () => {
  it('updates totals live, flags an unreadable cell, and saves lines with If-Match', async () => {
    const user = userEvent.setup();
    const seen = mockFetch((req) =>
      req.method === 'PUT'
        ? jsonResponse({ ...budget, lines: (req.body as { lines: unknown[] }).lines, version: 3 })
        : jsonResponse({}),
    );
    renderWithProviders(
      <BudgetEditor proposalId="prop-1" partner={partner} budget={budget} durationMonths={24} editable />,
    );
    expect(screen.getByTestId('partner-total')).toHaveTextContent('€10,000.00');

    await user.type(screen.getByRole('textbox', { name: 'Travel, Year 2' }), '1,500.50');
    expect(screen.getByTestId('year-total-2')).toHaveTextContent('€1,500.50');
    expect(screen.getByTestId('partner-total')).toHaveTextContent('€11,500.50');

    const equipment = screen.getByRole('textbox', { name: 'Equipment, Year 1' });
    await user.type(equipment, '12.345');
    expect(screen.getByText('At most two decimals.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    expect(screen.getByText(/Some amounts cannot be read/)).toBeInTheDocument();
    expect(seen).toHaveLength(0);

    await user.clear(equipment);
    await user.type(equipment, '99');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.path).toBe('/api/v1/proposals/prop-1/partners/partner-1/budget');
    expect(seen[0]?.headers.get('If-Match')).toBe('"2"');
    expect(seen[0]?.body).toEqual({
      lines: [
        { year: 1, category: 'personnel', amount_cents: 1_000_000 },
        { year: 1, category: 'equipment', amount_cents: 9_900 },
        { year: 2, category: 'travel', amount_cents: 150_050 },
      ],
    });
  });

  it('puts a lines[i] error from the server on the cell of that line', async () => {
    const user = userEvent.setup();
    mockFetch(() =>
      problemResponse(422, {
        title: 'Unprocessable',
        errors: [{ field: 'lines[1].amount_cents', code: 'too_large', message: 'Above the per-line ceiling.' }],
      }),
    );
    renderWithProviders(
      <BudgetEditor proposalId="prop-1" partner={partner} budget={budget} durationMonths={12} editable />,
    );
    await user.type(screen.getByRole('textbox', { name: 'Other, Year 1' }), '5');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    const error = await screen.findByText('Above the per-line ceiling.');
    const cell = screen.getByRole('textbox', { name: 'Other, Year 1' });
    expect(cell).toHaveAttribute('aria-invalid', 'true');
    expect(error.id).toBe(cell.getAttribute('aria-describedby')?.split(' ').find((id) => id === error.id));
  });

  it('is read-only for other partners', () => {
    renderWithProviders(
      <BudgetEditor proposalId="prop-1" partner={partner} budget={budget} durationMonths={12} editable={false} />,
    );
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save budget' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only this partner/)).toBeInTheDocument();
  });
});
