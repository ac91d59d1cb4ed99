import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallBody } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { defaultSettings, makeCall } from '../../../test/calls';
import { jsonResponse, mockFetch, problemResponse, renderWithProviders } from '../../../test/utils';
import { CallEditor } from './CallEditor';

function envelopeOf(funder: number): HTMLElement {
  return within(screen.getByRole('group', { name: `Funder ${funder}` })).getByRole('textbox', { name: /^envelope/i });
}

describe('CallEditor', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('shows a 422 about settings.funders[1].envelope_cents at the second funder’s envelope', async () => {
    const call = makeCall();
    mockFetch(() =>
      problemResponse(422, {
        title: 'Unprocessable Entity',
        detail: '3 field(s) are invalid: settings.funders[1].envelope_cents, settings.documents[0], settings.grant_rules.company_max_rate',
        errors: [
          { field: 'settings.funders[1].envelope_cents', code: 'out_of_range', message: 'An envelope cannot be negative.' },
          { field: 'settings.documents[0]', code: 'required', message: 'A document needs a type and a label.' },
          {
            field: 'settings.grant_rules.company_max_rate',
            code: 'out_of_range',
            message: 'A rate is at most 10000 basis points (100%).',
          },
          { field: 'settings.something_new', code: 'x', message: 'A rule this editor does not show.' },
        ],
      }),
    );
    renderWithProviders(<CallEditor call={call} initial={call} onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save call' }));

    const summary = await screen.findByText('3 fields need correcting; they are marked below.');
    expect(summary.closest('[role="alert"]')).toHaveTextContent('A rule this editor does not show.');

    const second = envelopeOf(2);
    expect(second).toHaveAttribute('aria-invalid', 'true');
    expect(second).toHaveAccessibleDescription(/An envelope cannot be negative\./);
    expect(envelopeOf(1)).not.toHaveAttribute('aria-invalid', 'true');
    expect(envelopeOf(3)).not.toHaveAttribute('aria-invalid', 'true');

    expect(
      within(screen.getByRole('group', { name: 'Document 1' })).getByText('A document needs a type and a label.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Funding rules' })).getByText(
        'Funding rules · Company aid, at most: A rate is at most 10000 basis points (100%).',
      ),
    ).toBeInTheDocument();
  });

  it('saves with If-Match and the amounts in cents', async () => {
    const call = makeCall({ version: 7 });
    const seen = mockFetch(() => jsonResponse({ ...call, version: 8 }));
    const onSaved = vi.fn();
    renderWithProviders(<CallEditor call={call} initial={call} onSaved={onSaved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    const envelope = envelopeOf(1);
    await user.clear(envelope);
    await user.type(envelope, '1,234.56');
    await user.tab();
    expect(envelope).toHaveValue('1,234.56');
    await user.click(screen.getByRole('button', { name: 'Save call' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());

    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/v1/calls/call-1');
    expect(put?.headers.get('If-Match')).toBe('"7"');
    const body = put?.body as CallBody;
    expect(body.settings?.funders[0]?.envelope_cents).toBe(123_456);
    expect(body.settings?.funders[1]?.envelope_cents).toBe(200_000_000);
    expect(body.settings?.cap_per_project_cents).toBe(70_000_000);
  });

  it('refuses an amount with fractions of a cent without asking the server', async () => {
    const call = makeCall();
    const seen = mockFetch(() => jsonResponse(call));
    renderWithProviders(<CallEditor call={call} initial={call} onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    const envelope = envelopeOf(3);
    await user.clear(envelope);
    await user.type(envelope, '12.345');
    await user.click(screen.getByRole('button', { name: 'Save call' }));
    expect(await screen.findByText('Use at most two decimals (whole cents).')).toBeInTheDocument();
    expect(envelopeOf(3)).toHaveAttribute('aria-invalid', 'true');
    expect(seen).toHaveLength(0);
  });

  it('says the call changed elsewhere on 412 and offers a reload', async () => {
    const call = makeCall();
    mockFetch(() => problemResponse(412, { title: 'Precondition Failed', detail: 'stale' }));
    const onReload = vi.fn();
    renderWithProviders(
      <CallEditor call={call} initial={call} onSaved={vi.fn()} onCancel={vi.fn()} onReload={onReload} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save call' }));
    expect(await screen.findByText('This call was changed by someone else; reload and reapply.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save call' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('creates a two-stage call with the outline deadline typed as wall-clock time', async () => {
    const settings = defaultSettings();
    const seen = mockFetch(() => jsonResponse(makeCall(), { status: 201 }));
    const onSaved = vi.fn();
    renderWithProviders(
      <CallEditor initial={{ title: '', description: '', settings }} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: /^title/i }), 'Joint Call 2027');
    await user.click(screen.getByRole('switch', { name: /two-stage call/i }));
    const outline = screen.getByRole('group', { name: 'Outline deadline' });
    await user.type(within(outline).getByLabelText(/^date/i), '2027-03-31');
    await user.click(screen.getByRole('button', { name: 'Create call' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());

    const post = seen.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/calls');
    const body = post?.body as CallBody;
    expect(body.title).toBe('Joint Call 2027');
    expect(body.settings?.outline_stage).toEqual({ deadline_local: '2027-03-31T14:00:00' });
    expect(body.settings?.full_stage).toEqual({ deadline_local: '2027-07-14T14:00:00' });
  });

  it('adds and removes funder rows', async () => {
    const call = makeCall();
    const seen = mockFetch(() => jsonResponse(call));
    renderWithProviders(<CallEditor call={call} initial={call} onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove funder 3' }));
    expect(screen.queryByRole('group', { name: 'Funder 3' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add funder' }));
    expect(screen.getByRole('group', { name: 'Funder 3' })).toBeInTheDocument();
    expect(envelopeOf(3)).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Save call' }));
    expect(await screen.findByText('Enter an amount in euros.')).toBeInTheDocument();
    expect(seen).toHaveLength(0);
  });
});
