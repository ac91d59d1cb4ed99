import type {
  ApprovalStatus,
  MdrClass,
  ProductMaturity,
  Proposal,
  ProposalUpdateBody,
  ResearchCategory,
  StudyFramework,
} from '../../lib/api/types';
import { normaliseField } from '../../lib/problem';

/** Form values; names follow the API body so 422 `errors[].field` land on the right input. */
export interface ProposalFormValues {
  acronym: string;
  title: string;
  abstract: string;
  keywords: string[];
  duration_months: number | string;
  start_date: string;
  research_category: ResearchCategory;
  clinical: {
    product_name: string;
    intended_purpose: string;
    /** '' = not answered yet */
    is_medical_device: '' | 'yes' | 'no';
    mdr_class: MdrClass | '';
    product_maturity: ProductMaturity | '';
    study_framework: StudyFramework | '';
    ethics_status: ApprovalStatus | '';
    authority_status: ApprovalStatus | '';
    trial_registration: string;
  };
}

export function toProposalFormValues(p: Proposal): ProposalFormValues {
  const c = p.clinical;
  return {
    acronym: p.acronym,
    title: p.title,
    abstract: p.abstract,
    keywords: [...p.keywords],
    duration_months: p.duration_months ?? '',
    start_date: p.start_date ?? '',
    research_category: p.research_category,
    clinical: {
      product_name: c.product_name ?? '',
      intended_purpose: c.intended_purpose ?? '',
      is_medical_device: c.is_medical_device === null ? '' : c.is_medical_device ? 'yes' : 'no',
      mdr_class: c.mdr_class ?? '',
      product_maturity: c.product_maturity ?? '',
      study_framework: c.study_framework ?? '',
      ethics_status: c.ethics_status ?? '',
      authority_status: c.authority_status ?? '',
      trial_registration: c.trial_registration ?? '',
    },
  };
}

function orNull<T extends string>(value: T | ''): T | null {
  return value === '' ? null : value;
}

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function toProposalBody(v: ProposalFormValues): ProposalUpdateBody {
  const duration = typeof v.duration_months === 'number' ? v.duration_months : Number.parseInt(v.duration_months, 10);
  return {
    acronym: v.acronym.trim(),
    title: v.title.trim(),
    abstract: v.abstract,
    keywords: v.keywords.map((k) => k.trim()).filter((k) => k !== ''),
    duration_months: Number.isFinite(duration) ? duration : null,
    start_date: v.start_date === '' ? null : v.start_date,
    research_category: v.research_category,
    clinical: {
      product_name: text(v.clinical.product_name),
      intended_purpose: text(v.clinical.intended_purpose),
      is_medical_device: v.clinical.is_medical_device === '' ? null : v.clinical.is_medical_device === 'yes',
      mdr_class: orNull(v.clinical.mdr_class),
      product_maturity: orNull(v.clinical.product_maturity),
      study_framework: orNull(v.clinical.study_framework),
      ethics_status: orNull(v.clinical.ethics_status),
      authority_status: orNull(v.clinical.authority_status),
      trial_registration: text(v.clinical.trial_registration),
    },
  };
}

/** The form paths a server error may land on. */
export const PROPOSAL_FORM_PATHS = [
  'acronym',
  'title',
  'abstract',
  'keywords',
  'duration_months',
  'start_date',
  'research_category',
  'clinical.product_name',
  'clinical.intended_purpose',
  'clinical.is_medical_device',
  'clinical.mdr_class',
  'clinical.product_maturity',
  'clinical.study_framework',
  'clinical.ethics_status',
  'clinical.authority_status',
  'clinical.trial_registration',
] as const;

export type ProposalFormPath = (typeof PROPOSAL_FORM_PATHS)[number];

/** `keywords[1]` -> `keywords`, `/clinical/mdr_class` -> `clinical.mdr_class`; null if the form has no such input. */
export function formPathOf(field: string): ProposalFormPath | null {
  const name = normaliseField(field).replace(/\[\d+\]/g, '').replace(/\.\d+(?=\.|$)/g, '');
  return (PROPOSAL_FORM_PATHS as readonly string[]).includes(name) ? (name as ProposalFormPath) : null;
}

function valueAt(values: ProposalFormValues, path: ProposalFormPath): string {
  const value: unknown = path.startsWith('clinical.')
    ? values.clinical[path.slice('clinical.'.length) as keyof ProposalFormValues['clinical']]
    : values[path as Exclude<keyof ProposalFormValues, 'clinical'>];
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export interface ConflictField {
  path: ProposalFormPath;
  /** What the other person saved, for people. */
  theirs: string;
}

export interface ReapplyResult {
  /** The form's new values: my edits, plus their changes to fields I did not touch. */
  values: ProposalFormValues;
  /** Fields both of us changed, differently: my input is kept, theirs is shown next to it. */
  conflicts: ConflictField[];
}

function setAt(values: ProposalFormValues, from: ProposalFormValues, path: ProposalFormPath): void {
  if (path.startsWith('clinical.')) {
    const key = path.slice('clinical.'.length) as keyof ProposalFormValues['clinical'];
    (values.clinical as Record<string, unknown>)[key] = from.clinical[key];
  } else {
    const key = path as Exclude<keyof ProposalFormValues, 'clinical'>;
    const value = from[key];
    (values as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
}

/**
 * After a 412 and a reload, a three-way merge of the version the user started
 * from (`base`), the latest saved one (`latest`) and the user's input (`mine`):
 * fields only they changed take their value (no silent overwrite when saving
 * again), fields only I changed keep mine, and fields we both changed
 * differently keep mine and are listed so I can reapply or take theirs.
 */
export function reapplyOnLatest(
  base: ProposalFormValues,
  latest: ProposalFormValues,
  mine: ProposalFormValues,
): ReapplyResult {
  const values: ProposalFormValues = { ...mine, keywords: [...mine.keywords], clinical: { ...mine.clinical } };
  const conflicts: ConflictField[] = [];
  for (const path of PROPOSAL_FORM_PATHS) {
    const b = valueAt(base, path);
    const theirs = valueAt(latest, path);
    const my = valueAt(mine, path);
    if (theirs === b || theirs === my) continue;
    if (my === b) setAt(values, latest, path);
    else conflicts.push({ path, theirs });
  }
  return { values, conflicts };
}
