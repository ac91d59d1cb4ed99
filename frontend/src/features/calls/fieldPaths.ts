import type { Messages } from '../../i18n/en';
import { normaliseField } from '../../lib/problem';

/**
 * The form path of a field the API names in `errors[].field`:
 * "settings.funders[0].envelope_cents" -> "settings.funders.0.envelope_cents"
 * (Mantine form paths use dots for list indices).
 */
export function formPathOf(apiField: string): string {
  return normaliseField(apiField)
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\.+|\.+$/g, '');
}

/** The path itself, then each of its ancestors, nearest first: "a.b.c" -> a.b.c, a.b, a. */
export function selfAndAncestors(path: string): string[] {
  const segments = path.split('.');
  return segments.map((_, i) => segments.slice(0, segments.length - i).join('.'));
}

type RowList = keyof Messages['calls']['editor']['row'];

function isRowList(name: string | undefined, t: Messages): name is RowList {
  return name !== undefined && Object.hasOwn(t.calls.editor.row, name);
}

function fieldLabel(name: string | undefined, t: Messages): string | null {
  if (name === undefined) return null;
  if (Object.hasOwn(t.calls.fields, name)) return t.calls.fields[name as keyof Messages['calls']['fields']];
  if (Object.hasOwn(t.calls.grantRuleLabels, name)) {
    return t.calls.grantRuleLabels[name as keyof Messages['calls']['grantRuleLabels']];
  }
  return null;
}

/**
 * A readable name for a field of a call, for messages listed away from
 * their input: "settings.funders[1].envelope_cents" -> "Funder 2 · Envelope".
 * Null when the field is not one this UI knows.
 */
export function describeField(apiField: string, t: Messages): string | null {
  const segments = formPathOf(apiField).split('.');
  if (segments[0] !== 'settings') return fieldLabel(segments[0], t);
  const [, section, index, field] = segments;
  if (isRowList(section, t) && index !== undefined && /^\d+$/.test(index)) {
    const row = t.calls.editor.row[section](Number(index) + 1);
    const label = fieldLabel(field, t);
    return label ? `${row} · ${label}` : row;
  }
  if (section === 'outline_stage' || section === 'full_stage') return fieldLabel(section, t);
  if (section === 'grant_rules' || section === 'consortium' || section === 'right_to_reply') {
    const inner = fieldLabel(index, t);
    const outer = fieldLabel(section, t);
    return inner ? `${outer} · ${inner}` : outer;
  }
  return fieldLabel(section, t);
}
