import { Modal } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/utils';

describe('the theme’s dialogs', () => {
  it('name their close button (an icon) and add no banner landmark', async () => {
    renderWithProviders(
      <Modal opened onClose={() => undefined} title="Decisions on CARDIO">
        Body
      </Modal>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Decisions on CARDIO' });
    expect(dialog.querySelector('button')).toHaveAccessibleName('Close');
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Decisions on CARDIO' })).toBeInTheDocument();
  });
});
