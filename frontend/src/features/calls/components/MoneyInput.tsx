import { TextInput, type TextInputProps } from '@mantine/core';
import type { FocusEvent } from 'react';
import { centsToEuroInput, parseEurosToCents } from '../../../lib/money';

export interface MoneyInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** Euros as typed, e.g. "700,000.00". */
  value: string;
  onChange: (value: string) => void;
}

/**
 * An amount in euros. It holds the text as typed; on leaving the field a valid
 * amount is rewritten in the usual form ("700000" -> "700,000.00").
 */
export function MoneyInput({ value, onChange, onBlur, ...props }: MoneyInputProps) {
  return (
    <TextInput
      {...props}
      value={value}
      inputMode="decimal"
      autoComplete="off"
      leftSection="€"
      leftSectionPointerEvents="none"
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event: FocusEvent<HTMLInputElement>) => {
        const parsed = parseEurosToCents(value);
        if (parsed.ok) {
          const tidy = centsToEuroInput(parsed.cents);
          if (tidy !== value) onChange(tidy);
        }
        onBlur?.(event);
      }}
    />
  );
}
