import { mergeMantineTheme, DEFAULT_THEME } from '@mantine/core';
import { en } from '../i18n/en';
import { MIN_CONTRAST, contrastRatio, createAppTheme, cssVariablesResolver, readableOn } from './theme';

describe('contrastRatio', () => {
  it('follows WCAG 2', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's blue.6 on white, as axe-core reports it.
    expect(contrastRatio('#228be6', '#fff')).toBeCloseTo(3.55, 1);
  });
});

describe('readableOn', () => {
  it('keeps a colour that is readable already', () => {
    expect(readableOn('#1864ab', '#ffffff')).toBe('#1864ab');
  });

  it('darkens a colour just enough', () => {
    const fixed = readableOn('#868e96', '#ffffff');
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(fixed, '#ffffff')).toBeLessThan(MIN_CONTRAST + 0.5);
  });
});

describe('cssVariablesResolver', () => {
  const theme = mergeMantineTheme(DEFAULT_THEME, createAppTheme(en));
  const { light } = cssVariablesResolver(theme);

  it('makes every light and outline badge, filled button and dimmed text readable', () => {
    expect(contrastRatio(light['--mantine-color-dimmed'] ?? '', theme.colors.gray[0])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    // The error under a field ("The code is not right") on a white card.
    expect(contrastRatio(light['--mantine-color-error'] ?? '', '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    for (const [name, palette] of Object.entries(theme.colors)) {
      const text = light[`--mantine-color-${name}-light-color`] ?? '';
      expect(contrastRatio(text, palette[1]), `${name} light`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      const filled = light[`--mantine-color-${name}-filled`] ?? '';
      expect(contrastRatio(filled, '#ffffff'), `${name} filled`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      // Outline badges sit on white or on a striped table row (gray 0), like EligibilityTab's "Meets the rules".
      const outline = light[`--mantine-color-${name}-outline`] ?? '';
      expect(contrastRatio(outline, theme.colors.gray[0]), `${name} outline`).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});
