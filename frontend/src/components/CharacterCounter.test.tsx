import { Textarea } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { renderWithProviders } from '../test/utils';
import { CharacterCounter } from './CharacterCounter';

function renderInDescription(text: string, max: number) {
  renderWithProviders(
    <Textarea
      label="Your reply"
      value={text}
      onChange={() => undefined}
      description={<CharacterCounter text={text} max={max} counter={en.reply.counter} tooLong={en.reply.tooLong} testId="count" />}
    />,
  );
}

describe('CharacterCounter', () => {
  it('is valid inside an input’s description, a <p>: no <div> or <p> within it', () => {
    renderInDescription('Hello 👍', 2500);
    const count = screen.getByTestId('count');
    expect(count).toHaveTextContent('7 / 2500 characters');
    const description = count.closest('p');
    expect(description).not.toBeNull();
    expect(description?.querySelector('div, p')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Your reply' })).toHaveAccessibleDescription(expect.stringContaining('7 / 2500 characters'));
  });

  it('says how many characters too many once over the limit', () => {
    renderInDescription('x'.repeat(12), 10);
    expect(screen.getByTestId('count')).toHaveTextContent('12 / 10 characters');
    expect(screen.getByText('2 characters too many')).toBeInTheDocument();
  });
});
