import { Modal, Notification, createTheme, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';
import type { Messages } from '../i18n';

/** WCAG 2 AA for normal text (badges, hints and links are all small). */
export const MIN_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h;
  const n = parseInt(full.slice(0, 6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` darkened in small steps until it reaches `ratio` against `background` (as `#rrggbb`). */
export function readableOn(color: string, background: string, ratio = MIN_CONTRAST): string {
  const base = channels(color);
  for (let k = 0; k <= 100; k += 2) {
    const hex = `#${base
      .map((c) => Math.round((c * (100 - k)) / 100).toString(16).padStart(2, '0'))
      .join('')}`;
    if (contrastRatio(hex, background) >= ratio) return hex;
  }
  return '#000000';
}

/**
 * Mantine's default palette puts several light-scheme texts below 4.5:1 (the
 * dimmed grey, the "light" badges in green, yellow and orange, white on filled
 * green, outline badges in green on a striped row). These variables keep
 * each colour's hue and darken it just enough.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme: MantineTheme) => {
  const white = theme.white;
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(theme.colors.gray[6], theme.colors.gray[0]),
    // Field errors under inputs (red 6 is 3.3:1 on white).
    '--mantine-color-error': readableOn(theme.colors.red[6], white),
  };
  const shade = typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade.light;
  for (const [name, palette] of Object.entries(theme.colors)) {
    // Text on the tinted background of the "light" variant (shade 1).
    light[`--mantine-color-${name}-light-color`] = readableOn(palette[9], palette[1]);
    // Filled buttons and badges carry white text; `-text` (Text c="red") follows `-filled`.
    const filled = readableOn(palette[shade], white);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = readableOn(filled, white, contrastRatio(filled, white) + 1);
    // Outline badges and buttons: their text is the outline colour, on white or a striped row (gray 0).
    light[`--mantine-color-${name}-outline`] = readableOn(palette[shade], theme.colors.gray[0]);
  }
  return { variables: {}, light, dark: {} };
};

export function createAppTheme(t: Messages) {
  return createTheme({
    primaryColor: 'blue',
    // Shade 8: links and filled buttons in blue reach 5:1 on white (shade 6 is 3.6:1).
    primaryShade: { light: 8, dark: 8 },
    defaultRadius: 'md',
    components: {
      // The close button of a notification is an icon: give it a name.
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { 'aria-label': t.common.close } },
      }),
      // Likewise the close button of every dialog, whose header (a <header>) is no page banner.
      Modal: Modal.extend({
        defaultProps: {
          closeButtonProps: { 'aria-label': t.common.close },
          attributes: { header: { role: 'presentation' } },
        },
      }),
    },
  });
}
