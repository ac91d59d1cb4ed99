import { describe, expect, it } from 'vitest';
import { makeProposal } from '../../test/proposals';
import { formPathOf, reapplyOnLatest, toProposalBody, toProposalFormValues } from './proposalForm';

describe('proposal form values', () => {
  it('round-trips a proposal into the PUT body', () => {
    const p = makeProposal();
    expect(toProposalBody(toProposalFormValues(p))).toEqual({
      acronym: p.acronym,
      title: p.title,
      abstract: p.abstract,
      keywords: p.keywords,
      duration_months: 24,
      start_date: '2028-01-01',
      research_category: 'industrial_research',
      clinical: p.clinical,
    });
  });

  it('sends empty inputs as null and drops blank keywords', () => {
    const values = toProposalFormValues(makeProposal());
    values.duration_months = '';
    values.start_date = '';
    values.keywords = [' ai ', ' '];
    values.clinical.product_name = '  ';
    values.clinical.is_medical_device = 'no';
    values.clinical.mdr_class = '';
    const body = toProposalBody(values);
    expect(body.duration_months).toBeNull();
    expect(body.start_date).toBeNull();
    expect(body.keywords).toEqual(['ai']);
    expect(body.clinical?.product_name).toBeNull();
    expect(body.clinical?.is_medical_device).toBe(false);
    expect(body.clinical?.mdr_class).toBeNull();
  });
});

describe('formPathOf', () => {
  it('maps server fields to the form inputs', () => {
    expect(formPathOf('clinical.mdr_class')).toBe('clinical.mdr_class');
    expect(formPathOf('/clinical/mdr_class')).toBe('clinical.mdr_class');
    expect(formPathOf('keywords[1]')).toBe('keywords');
    expect(formPathOf('title')).toBe('title');
    expect(formPathOf('partners')).toBeNull();
  });
});

describe('reapplyOnLatest', () => {
  it('keeps my edits, takes their changes to fields I left alone, and lists fields we both changed', () => {
    const base = toProposalFormValues(makeProposal());
    const latest = toProposalFormValues(makeProposal({ title: 'Their title', abstract: 'Their abstract', acronym: 'SAME' }));
    latest.clinical.mdr_class = 'III';
    const mine = toProposalFormValues(makeProposal({ title: 'My title', acronym: 'SAME' }));
    mine.clinical.product_name = 'My product';
    const { values, conflicts } = reapplyOnLatest(base, latest, mine);
    expect(conflicts).toEqual([{ path: 'title', theirs: 'Their title' }]);
    expect(values.title).toBe('My title');
    expect(values.abstract).toBe('Their abstract');
    expect(values.acronym).toBe('SAME');
    expect(values.clinical.mdr_class).toBe('III');
    expect(values.clinical.product_name).toBe('My product');
    // the inputs are not shared with the originals
    expect(values.clinical).not.toBe(mine.clinical);
  });

  it('finds nothing to do when the other change equals mine', () => {
    const base = toProposalFormValues(makeProposal());
    const latest = toProposalFormValues(makeProposal({ title: 'Same' }));
    const mine = toProposalFormValues(makeProposal({ title: 'Same' }));
    expect(reapplyOnLatest(base, latest, mine).conflicts).toEqual([]);
  });
});
