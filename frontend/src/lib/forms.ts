import type { Messages } from '../i18n/en';
import { problemForForm } from './problem';

interface FormLike {
  getValues: () => object;
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Puts the `errors[]` of a problem next to the matching fields of a Mantine
 * form and returns the message to show above the form (or null).
 */
export function applyProblemToForm(form: FormLike, error: unknown, messages: Messages): string | null {
  const { fieldErrors, generalMessage } = problemForForm(error, Object.keys(form.getValues()), messages);
  form.setErrors(fieldErrors);
  return generalMessage;
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
