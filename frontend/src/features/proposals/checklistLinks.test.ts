import { afterEach, describe, expect, it } from 'vitest';
import { budgetAnchorId, checklistTarget, documentAnchorId, fieldAnchorId, goToAnchor, SECTION_IDS } from './checklistLinks';

describe('checklistTarget', () => {
  it('sends proposal fields to their input in the overview', () => {
    expect(checklistTarget({ field: 'title' })).toEqual({ section: 'overview', anchorId: 'field-title' });
    expect(checklistTarget({ field: 'clinical.product_name' })).toEqual({
      section: 'overview',
      anchorId: 'field-clinical-product_name',
    });
    expect(checklistTarget({ field: 'keywords[1]' })).toEqual({ section: 'overview', anchorId: 'field-keywords' });
  });

  it('sends a partner budget to that partner’s table, or the budgets section if the partner is unknown', () => {
    expect(checklistTarget({ field: 'partners.p-2.budget' }, ['p-1', 'p-2'])).toEqual({
      section: 'budgets',
      anchorId: budgetAnchorId('p-2'),
    });
    expect(checklistTarget({ field: 'partners.gone.budget' }, ['p-1'])).toEqual({
      section: 'budgets',
      anchorId: SECTION_IDS.budgets,
    });
  });

  it('sends consortium rules to the consortium and documents to their type', () => {
    expect(checklistTarget({ field: 'partners' })).toEqual({ section: 'consortium', anchorId: SECTION_IDS.consortium });
    expect(checklistTarget({ field: 'documents.outline_description' })).toEqual({
      section: 'documents',
      anchorId: documentAnchorId('outline_description'),
    });
  });

  it('falls back to the top of the overview for anything else', () => {
    expect(checklistTarget({ field: 'something_new' })).toEqual({ section: 'overview', anchorId: SECTION_IDS.overview });
    expect(checklistTarget({ field: '' })).toEqual({ section: 'overview', anchorId: SECTION_IDS.overview });
  });

  it('uses the same ids the form gives its inputs', () => {
    expect(fieldAnchorId('clinical.mdr_class')).toBe('field-clinical-mdr_class');
  });
});

describe('goToAnchor', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });
  it('focuses the input inside the target, and reports a missing target', () => {
    document.body.innerHTML = `<div id="${documentAnchorId('x')}"><p>x</p><button>Upload</button></div>`;
    expect(goToAnchor(documentAnchorId('x'))).toBe(true);
    expect(document.activeElement?.textContent).toBe('Upload');
    expect(goToAnchor('nope')).toBe(false);
  });
});
