import { randomId } from '@mantine/hooks';
import type { Messages } from '../../i18n/en';
import type {
  Agency,
  CallBody,
  CallSettings,
  GrantRules,
  OrganisationKind,
  Stage,
} from '../../lib/api/types';
import { joinLocalDateTime } from '../../lib/datetime';
import { centsToEuroInput, parseEurosToCents } from '../../lib/money';
import { errorMessage, isApiError } from '../../lib/problem';
import { describeField, formPathOf, selfAndAncestors } from './fieldPaths';

export const MIB = 1024 * 1024;

/** What NumberInput holds: a number, or the text while it is being typed or emptied. */
export type NumberValue = number | string;

export interface FunderRow {
  /** React key only; never sent. */
  uid: string;
  agency: Agency | null;
  /** Euros as typed, e.g. "2,500,000.00"; cents on the wire. */
  envelope_cents: string;
  funds: OrganisationKind[];
}

export interface DocumentRow {
  uid: string;
  stage: Stage;
  document_type: string;
  label: string;
  required: boolean;
  /** MiB as typed; bytes on the wire. */
  max_size_bytes: NumberValue;
  media_types: string[];
}

export interface CriterionRow {
  uid: string;
  stage: Stage;
  key: string;
  label: string;
  weight: NumberValue;
  threshold: NumberValue;
}

export interface ThresholdRow {
  uid: string;
  stage: Stage;
  overall: NumberValue;
}

/**
 * The call editor's values. Paths equal the API's (`settings.funders.0.envelope_cents`
 * for `settings.funders[0].envelope_cents`), so a 422 lands on the matching input;
 * amounts, sizes and numbers are kept as people type them and converted on save.
 */
export interface CallFormValues {
  title: string;
  description: string;
  /** Not an API field: whether `settings.outline_stage` is sent or null. */
  two_stage: boolean;
  settings: {
    time_zone: string;
    /** "YYYY-MM-DDTHH:MM[:SS]" wall-clock time; either half may be empty while editing. */
    outline_stage: { deadline_local: string };
    full_stage: { deadline_local: string };
    funders: FunderRow[];
    cap_per_project_cents: string;
    capped_agencies: Agency[];
    consortium: {
      min_luxembourg_companies: NumberValue;
      min_luxembourg_research_organisations: NumberValue;
      hospital_required: boolean;
      max_partners: NumberValue;
    };
    min_duration_months: NumberValue;
    max_duration_months: NumberValue;
    /** Shown read-only; sent back unchanged. */
    grant_rules: GrantRules;
    documents: DocumentRow[];
    criteria: CriterionRow[];
    thresholds: ThresholdRow[];
    reviews_per_proposal: NumberValue;
    right_to_reply: { enabled: boolean; max_chars: NumberValue };
    /** Days as typed, e.g. "7, 1"; a list of numbers on the wire. */
    submission_reminder_days: string;
    review_reminder_days: string;
    redress_days: NumberValue;
  };
}

export const DEFAULT_DEADLINE_TIME = '14:00:00';

export function newFunderRow(): FunderRow {
  return { uid: randomId(), agency: null, envelope_cents: '', funds: [] };
}

export function newDocumentRow(stage: Stage): DocumentRow {
  return {
    uid: randomId(),
    stage,
    document_type: '',
    label: '',
    required: true,
    max_size_bytes: 10,
    media_types: ['application/pdf'],
  };
}

export function newCriterionRow(stage: Stage): CriterionRow {
  return { uid: randomId(), stage, key: '', label: '', weight: 1, threshold: 3 };
}

export function newThresholdRow(stage: Stage): ThresholdRow {
  return { uid: randomId(), stage, overall: '' };
}

/** The editor's starting values from a call (or the defaults, for a new one). */
export function toFormValues(title: string, description: string, settings: CallSettings): CallFormValues {
  return {
    title,
    description,
    two_stage: settings.outline_stage !== null,
    settings: {
      time_zone: settings.time_zone,
      outline_stage: { deadline_local: settings.outline_stage?.deadline_local ?? `T${DEFAULT_DEADLINE_TIME}` },
      full_stage: { deadline_local: settings.full_stage.deadline_local },
      funders: settings.funders.map((f) => ({
        uid: randomId(),
        agency: f.agency,
        envelope_cents: centsToEuroInput(f.envelope_cents),
        funds: [...f.funds],
      })),
      cap_per_project_cents: centsToEuroInput(settings.cap_per_project_cents),
      capped_agencies: [...settings.capped_agencies],
      consortium: { ...settings.consortium },
      min_duration_months: settings.min_duration_months,
      max_duration_months: settings.max_duration_months,
      grant_rules: { ...settings.grant_rules },
      documents: settings.documents.map((d) => ({
        uid: randomId(),
        stage: d.stage,
        document_type: d.document_type,
        label: d.label,
        required: d.required,
        max_size_bytes: d.max_size_bytes / MIB,
        media_types: [...d.media_types],
      })),
      criteria: settings.criteria.map((c) => ({ uid: randomId(), ...c })),
      thresholds: settings.thresholds.map((th) => ({ uid: randomId(), ...th })),
      reviews_per_proposal: settings.reviews_per_proposal,
      right_to_reply: { ...settings.right_to_reply },
      submission_reminder_days: settings.submission_reminder_days.join(', '),
      review_reminder_days: settings.review_reminder_days.join(', '),
      redress_days: settings.redress_days,
    },
  };
}

/** "7, 1" -> [7, 1]; null when a part is not a whole number. An empty text is no reminder. */
export function parseDayList(value: string): number[] | null {
  const parts = value.split(/[\s,;]+/).filter((part) => part !== '');
  const days = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  return days.every(Number.isInteger) ? days : null;
}

function toNumber(value: NumberValue): number {
  return typeof value === 'number' ? value : Number(value.trim() === '' ? Number.NaN : value);
}

function wholeNumberError(value: NumberValue, t: Messages): string | null {
  const n = toNumber(value);
  return Number.isInteger(n) && n >= 0 ? null : t.calls.editor.wholeNumber;
}

function numberError(value: NumberValue, t: Messages): string | null {
  return Number.isFinite(toNumber(value)) ? null : t.calls.editor.number;
}

function euroError(value: string, t: Messages): string | null {
  const parsed = parseEurosToCents(value);
  return parsed.ok ? null : t.calls.editor.euroErrors[parsed.error];
}

/**
 * What can be checked before sending: everything needed to build the body
 * (amounts, numbers, complete deadlines, required texts). The server checks
 * the rules themselves and answers with every problem at once.
 */
export function validateCallForm(values: CallFormValues, t: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (path: string, message: string | null) => {
    if (message) errors[path] = message;
  };
  const s = values.settings;
  put('title', values.title.trim() ? null : t.errors.required);
  put('settings.time_zone', s.time_zone.trim() ? null : t.errors.required);
  if (values.two_stage) {
    const [date = '', time = ''] = s.outline_stage.deadline_local.split('T');
    put('settings.outline_stage.deadline_local', joinLocalDateTime(date, time) ? null : t.calls.editor.deadlineRequired);
  }
  {
    const [date = '', time = ''] = s.full_stage.deadline_local.split('T');
    put('settings.full_stage.deadline_local', joinLocalDateTime(date, time) ? null : t.calls.editor.deadlineRequired);
  }
  s.funders.forEach((f, i) => {
    put(`settings.funders.${i}.agency`, f.agency ? null : t.errors.required);
    put(`settings.funders.${i}.envelope_cents`, euroError(f.envelope_cents, t));
  });
  put('settings.cap_per_project_cents', euroError(s.cap_per_project_cents, t));
  put('settings.consortium.min_luxembourg_companies', wholeNumberError(s.consortium.min_luxembourg_companies, t));
  put(
    'settings.consortium.min_luxembourg_research_organisations',
    wholeNumberError(s.consortium.min_luxembourg_research_organisations, t),
  );
  put('settings.consortium.max_partners', wholeNumberError(s.consortium.max_partners, t));
  put('settings.min_duration_months', wholeNumberError(s.min_duration_months, t));
  put('settings.max_duration_months', wholeNumberError(s.max_duration_months, t));
  s.documents.forEach((d, i) => {
    put(`settings.documents.${i}.document_type`, d.document_type.trim() ? null : t.errors.required);
    put(`settings.documents.${i}.label`, d.label.trim() ? null : t.errors.required);
    put(`settings.documents.${i}.max_size_bytes`, numberError(d.max_size_bytes, t));
  });
  s.criteria.forEach((c, i) => {
    put(`settings.criteria.${i}.key`, c.key.trim() ? null : t.errors.required);
    put(`settings.criteria.${i}.label`, c.label.trim() ? null : t.errors.required);
    put(`settings.criteria.${i}.weight`, numberError(c.weight, t));
    put(`settings.criteria.${i}.threshold`, numberError(c.threshold, t));
  });
  s.thresholds.forEach((th, i) => {
    put(`settings.thresholds.${i}.overall`, numberError(th.overall, t));
  });
  put('settings.reviews_per_proposal', wholeNumberError(s.reviews_per_proposal, t));
  put('settings.right_to_reply.max_chars', wholeNumberError(s.right_to_reply.max_chars, t));
  put('settings.submission_reminder_days', parseDayList(s.submission_reminder_days) ? null : t.calls.editor.dayList);
  put('settings.review_reminder_days', parseDayList(s.review_reminder_days) ? null : t.calls.editor.dayList);
  put('settings.redress_days', wholeNumberError(s.redress_days, t));
  return errors;
}

function cents(value: string): number {
  const parsed = parseEurosToCents(value);
  if (!parsed.ok) throw new Error(`invalid amount: ${value}`);
  return parsed.cents;
}

function deadline(value: string): string {
  const [date = '', time = ''] = value.split('T');
  const joined = joinLocalDateTime(date, time);
  if (!joined) throw new Error(`invalid deadline: ${value}`);
  return joined;
}

/**
 * The request body from values that passed `validateCallForm`. Settings this
 * editor does not know about are kept from `base` (the call as loaded, or the defaults).
 */
export function toCallBody(values: CallFormValues, base: CallSettings): CallBody {
  const s = values.settings;
  const settings: CallSettings = {
    ...base,
    time_zone: s.time_zone.trim(),
    outline_stage: values.two_stage ? { deadline_local: deadline(s.outline_stage.deadline_local) } : null,
    full_stage: { deadline_local: deadline(s.full_stage.deadline_local) },
    funders: s.funders.map((f) => ({
      agency: f.agency ?? 'MECO',
      envelope_cents: cents(f.envelope_cents),
      funds: [...f.funds],
    })),
    cap_per_project_cents: cents(s.cap_per_project_cents),
    capped_agencies: [...s.capped_agencies],
    consortium: {
      min_luxembourg_companies: toNumber(s.consortium.min_luxembourg_companies),
      min_luxembourg_research_organisations: toNumber(s.consortium.min_luxembourg_research_organisations),
      hospital_required: s.consortium.hospital_required,
      max_partners: toNumber(s.consortium.max_partners),
    },
    min_duration_months: toNumber(s.min_duration_months),
    max_duration_months: toNumber(s.max_duration_months),
    grant_rules: s.grant_rules,
    documents: s.documents.map((d) => ({
      stage: d.stage,
      document_type: d.document_type.trim(),
      label: d.label.trim(),
      required: d.required,
      max_size_bytes: Math.round(toNumber(d.max_size_bytes) * MIB),
      media_types: [...d.media_types],
    })),
    criteria: s.criteria.map((c) => ({
      stage: c.stage,
      key: c.key.trim(),
      label: c.label.trim(),
      weight: toNumber(c.weight),
      threshold: toNumber(c.threshold),
    })),
    thresholds: s.thresholds.map((th) => ({ stage: th.stage, overall: toNumber(th.overall) })),
    reviews_per_proposal: toNumber(s.reviews_per_proposal),
    right_to_reply: { enabled: s.right_to_reply.enabled, max_chars: toNumber(s.right_to_reply.max_chars) },
    submission_reminder_days: parseDayList(s.submission_reminder_days) ?? [],
    review_reminder_days: parseDayList(s.review_reminder_days) ?? [],
    redress_days: toNumber(s.redress_days),
  };
  return { title: values.title.trim(), description: values.description.trim(), settings };
}

const ROW_FIELDS = {
  funders: ['agency', 'envelope_cents', 'funds'],
  documents: ['stage', 'document_type', 'label', 'required', 'max_size_bytes', 'media_types'],
  criteria: ['stage', 'key', 'label', 'weight', 'threshold'],
  thresholds: ['stage', 'overall'],
} as const;

/**
 * Every form path the editor shows an error at: each input, each row (for
 * "this row is incomplete"), and each list section (for "no funders").
 */
export function errorTargets(values: CallFormValues): Set<string> {
  const targets = new Set<string>([
    'title',
    'description',
    'settings.time_zone',
    'settings.full_stage.deadline_local',
    'settings.cap_per_project_cents',
    'settings.capped_agencies',
    'settings.consortium.min_luxembourg_companies',
    'settings.consortium.min_luxembourg_research_organisations',
    'settings.consortium.hospital_required',
    'settings.consortium.max_partners',
    'settings.min_duration_months',
    'settings.max_duration_months',
    'settings.grant_rules',
    'settings.reviews_per_proposal',
    'settings.right_to_reply.enabled',
    'settings.right_to_reply.max_chars',
    'settings.submission_reminder_days',
    'settings.review_reminder_days',
    'settings.redress_days',
  ]);
  if (values.two_stage) targets.add('settings.outline_stage.deadline_local');
  for (const [list, fields] of Object.entries(ROW_FIELDS)) {
    targets.add(`settings.${list}`);
    const rows = values.settings[list as keyof typeof ROW_FIELDS];
    rows.forEach((_, i) => {
      targets.add(`settings.${list}.${i}`);
      for (const field of fields) targets.add(`settings.${list}.${i}.${field}`);
    });
  }
  return targets;
}

export interface PlacedErrors {
  /** Messages by form path, for the inputs, rows and sections that exist. */
  fieldErrors: Record<string, string>;
  /** Readable messages about fields the editor has no place for ("Funding rules · ...: ..."). */
  unplaced: string[];
  /** When the server named no field at all: its message. */
  general: string | null;
}

/**
 * Puts the `errors[]` of a 422 next to the input it names, or the nearest row
 * or section that exists (`settings.documents[2]` -> that row); the rest is
 * listed at the top. Any other error becomes one general message.
 */
export function placeServerErrors(error: unknown, values: CallFormValues, t: Messages): PlacedErrors {
  const entries = isApiError(error) ? (error.problem.errors ?? []) : [];
  if (entries.length === 0) return { fieldErrors: {}, unplaced: [], general: errorMessage(error, t) };
  const targets = errorTargets(values);
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const entry of entries) {
    const target = selfAndAncestors(formPathOf(entry.field)).find(
      (path) => path !== 'settings' && targets.has(path),
    );
    if (target) {
      // Shown at a row or section rather than at the input itself: say which field it is about.
      const label = target === formPathOf(entry.field) ? null : describeField(entry.field, t);
      const message = label ? `${label}: ${entry.message}` : entry.message;
      const previous = fieldErrors[target];
      fieldErrors[target] = previous ? `${previous} ${message}` : message;
    } else {
      const label = describeField(entry.field, t);
      unplaced.push(label ? `${label}: ${entry.message}` : entry.message);
    }
  }
  return { fieldErrors, unplaced, general: null };
}
