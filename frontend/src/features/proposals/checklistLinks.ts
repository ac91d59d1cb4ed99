import type { ChecklistItem } from '../../lib/api/types';

/** The sections of the proposal page, in order; each is an element id. */
export const SECTION_IDS = {
  overview: 'section-overview',
  consortium: 'section-consortium',
  budgets: 'section-budgets',
  documents: 'section-documents',
  checklist: 'section-checklist',
  submission: 'section-submission',
} as const;

export type SectionKey = keyof typeof SECTION_IDS;

/** The element id of a proposal field's input: `title` -> `field-title`, `clinical.mdr_class` -> `field-clinical-mdr_class`. */
export function fieldAnchorId(field: string): string {
  return `field-${field.replace(/\[(\d+)\]/g, '-$1').replaceAll('.', '-')}`;
}

export function budgetAnchorId(partnerId: string): string {
  return `budget-${partnerId}`;
}

export function documentAnchorId(documentType: string): string {
  return `document-${documentType}`;
}

export interface ChecklistTarget {
  section: SectionKey;
  /** The element to scroll to and focus. */
  anchorId: string;
}

/** Top-level proposal fields the overview form shows. */
const OVERVIEW_FIELDS = new Set([
  'acronym',
  'title',
  'abstract',
  'keywords',
  'duration_months',
  'start_date',
  'research_category',
]);

/**
 * Where a checklist item is fixed: a field of the overview form, a partner's
 * budget, a document type, the consortium, or (for anything else) the top of
 * the overview.
 */
export function checklistTarget(item: Pick<ChecklistItem, 'field'>, partnerIds: readonly string[] = []): ChecklistTarget {
  const field = item.field.trim();
  const budget = /^partners\.([^.]+)\.budget$/.exec(field);
  if (budget?.[1]) {
    return partnerIds.length === 0 || partnerIds.includes(budget[1])
      ? { section: 'budgets', anchorId: budgetAnchorId(budget[1]) }
      : { section: 'budgets', anchorId: SECTION_IDS.budgets };
  }
  if (field === 'partners' || field.startsWith('partners.') || field.startsWith('partners[')) {
    return { section: 'consortium', anchorId: SECTION_IDS.consortium };
  }
  if (field === 'documents') return { section: 'documents', anchorId: SECTION_IDS.documents };
  if (field.startsWith('documents.')) {
    return { section: 'documents', anchorId: documentAnchorId(field.slice('documents.'.length)) };
  }
  if (field.startsWith('clinical.')) return { section: 'overview', anchorId: fieldAnchorId(field) };
  const top = field.replace(/\[\d+\]$/, '');
  if (OVERVIEW_FIELDS.has(top)) return { section: 'overview', anchorId: fieldAnchorId(top) };
  return { section: 'overview', anchorId: SECTION_IDS.overview };
}

/** Scrolls to the element and focuses it (or the first input inside it). */
export function goToAnchor(anchorId: string): boolean {
  const element = document.getElementById(anchorId);
  if (!element) return false;
  element.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  const focusable =
    element.matches('input, textarea, select, button, [tabindex]') ? element : element.querySelector<HTMLElement>('input, textarea, select, button');
  (focusable ?? element).focus?.({ preventScroll: true });
  return true;
}
