import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { ApiError } from '../../lib/problem';
import { defaultSettings } from '../../test/calls';
import { errorTargets, parseDayList, placeServerErrors, toCallBody, toFormValues, validateCallForm } from './editorForm';
import { describeField, formPathOf } from './fieldPaths';

function validation(errors: { field: string; message: string }[]): ApiError {
  return ApiError.fromResponse(new Response(null, { status: 422 }), {
    status: 422,
    detail: `${errors.length} field(s) are invalid`,
    errors: errors.map((e) => ({ ...e, code: 'x' })),
  });
}

describe('formPathOf', () => {
  it('turns list indices into form path segments', () => {
    expect(formPathOf('settings.funders[0].envelope_cents')).toBe('settings.funders.0.envelope_cents');
    expect(formPathOf('settings.criteria[12].weight')).toBe('settings.criteria.12.weight');
    expect(formPathOf('/settings/full_stage/deadline_local')).toBe('settings.full_stage.deadline_local');
    expect(formPathOf('title')).toBe('title');
  });
});

describe('placeServerErrors', () => {
  const values = toFormValues('Call', '', defaultSettings());

  it('puts each error on the input of the row it names', () => {
    const placed = placeServerErrors(
      validation([
        { field: 'settings.funders[1].envelope_cents', message: 'An envelope cannot be negative.' },
        { field: 'settings.criteria[2].weight', message: 'A weight is a positive number.' },
        { field: 'settings.full_stage.deadline_local', message: 'Not a valid time.' },
        { field: 'title', message: 'A call needs a title.' },
      ]),
      values,
      en,
    );
    expect(placed.fieldErrors).toEqual({
      'settings.funders.1.envelope_cents': 'An envelope cannot be negative.',
      'settings.criteria.2.weight': 'A weight is a positive number.',
      'settings.full_stage.deadline_local': 'Not a valid time.',
      title: 'A call needs a title.',
    });
    expect(placed.unplaced).toEqual([]);
    expect(placed.general).toBeNull();
  });

  it('puts errors about a whole row or list on that row or section', () => {
    const placed = placeServerErrors(
      validation([
        { field: 'settings.documents[1]', message: 'A document needs a type and a label.' },
        { field: 'settings.criteria', message: 'The outline stage has no criteria.' },
        { field: 'settings.funders[0].unknown_thing', message: 'Odd.' },
      ]),
      values,
      en,
    );
    expect(placed.fieldErrors).toEqual({
      'settings.documents.1': 'A document needs a type and a label.',
      'settings.criteria': 'The outline stage has no criteria.',
      'settings.funders.0': 'Funder 1: Odd.',
    });
  });

  it('lists errors about fields the editor lacks at the top, readably', () => {
    const placed = placeServerErrors(
      validation([
        { field: 'settings.funders[7].agency', message: 'Each agency appears once.' },
        { field: 'settings.outline_stage.deadline_local', message: 'The outline deadline has passed.' },
        { field: 'settings.brand_new_rule', message: 'Something new.' },
      ]),
      values,
      en,
    );
    // A row the form does not have (any more): its section says which one.
    expect(placed.fieldErrors).toEqual({ 'settings.funders': 'Funder 8 · Agency: Each agency appears once.' });
    expect(placed.unplaced).toEqual([
      // A single-stage form shows no outline deadline input.
      'Outline deadline: The outline deadline has passed.',
      'Something new.',
    ]);
  });

  it('joins several errors about one input', () => {
    const placed = placeServerErrors(
      validation([
        { field: 'settings.funders[2].funds', message: 'company is funded by two funders.' },
        { field: 'settings.funders[2].funds', message: 'hospital is funded by two funders.' },
      ]),
      values,
      en,
    );
    expect(placed.fieldErrors['settings.funders.2.funds']).toBe(
      'company is funded by two funders. hospital is funded by two funders.',
    );
  });

  it('gives a general message for errors that name no field', () => {
    const conflict = ApiError.fromResponse(new Response(null, { status: 409 }), {
      status: 409,
      detail: 'The call is closed; its settings can no longer change.',
    });
    expect(placeServerErrors(conflict, values, en)).toEqual({
      fieldErrors: {},
      unplaced: [],
      general: 'The call is closed; its settings can no longer change.',
    });
  });

  it('knows the outline deadline input only while the call has two stages', () => {
    expect(errorTargets(values).has('settings.outline_stage.deadline_local')).toBe(false);
    expect(errorTargets({ ...values, two_stage: true }).has('settings.outline_stage.deadline_local')).toBe(true);
  });
});

describe('describeField', () => {
  it('names rows, nested settings and funding rules', () => {
    expect(describeField('settings.criteria[2].weight', en)).toBe('Criterion 3 · Weight');
    expect(describeField('settings.documents[0]', en)).toBe('Document 1');
    expect(describeField('settings.grant_rules.company_max_rate', en)).toBe('Funding rules · Company aid, at most');
    expect(describeField('settings.full_stage.deadline_local', en)).toBe('Full proposal deadline');
    expect(describeField('settings.consortium.max_partners', en)).toBe('Consortium rules · Maximum partners');
    expect(describeField('settings.whatever', en)).toBeNull();
  });
});

describe('reminder days', () => {
  it('reads a list of days as people type it', () => {
    expect(parseDayList('7, 1')).toEqual([7, 1]);
    expect(parseDayList(' 14,7 ; 1 ')).toEqual([14, 7, 1]);
    expect(parseDayList('')).toEqual([]);
    expect(parseDayList('7, one')).toBeNull();
    expect(parseDayList('1.5')).toBeNull();
  });

  it('sends the days and the redress period, and says which input is wrong', () => {
    const settings = defaultSettings();
    const values = toFormValues('A call', '', settings);
    expect(values.settings.submission_reminder_days).toBe('7, 1');
    values.settings.submission_reminder_days = '10, 3, 1';
    values.settings.review_reminder_days = '';
    values.settings.redress_days = '45';
    const body = toCallBody(values, settings);
    expect(body.settings?.submission_reminder_days).toEqual([10, 3, 1]);
    expect(body.settings?.review_reminder_days).toEqual([]);
    expect(body.settings?.redress_days).toBe(45);
    values.settings.review_reminder_days = 'soon';
    expect(validateCallForm(values, en)).toEqual({ 'settings.review_reminder_days': en.calls.editor.dayList });
  });

  it('places a server error about the days on their input', () => {
    const values = toFormValues('A call', '', defaultSettings());
    const placed = placeServerErrors(
      validation([{ field: 'settings.submission_reminder_days', message: 'At most 10 reminders.' }]),
      values,
      en,
    );
    expect(placed.fieldErrors).toEqual({ 'settings.submission_reminder_days': 'At most 10 reminders.' });
  });
});

describe('toCallBody', () => {
  it('sends back the defaults unchanged when nothing was edited', () => {
    const settings = defaultSettings();
    const values = toFormValues('  A call ', ' About it ', settings);
    expect(validateCallForm({ ...values, title: 'A call' }, en)).toEqual({});
    expect(toCallBody(values, settings)).toEqual({ title: 'A call', description: 'About it', settings });
  });

  it('converts euros to cents exactly, MiB to bytes and joins deadlines', () => {
    const settings = defaultSettings();
    const values = toFormValues('A call', '', settings);
    values.two_stage = true;
    values.settings.outline_stage.deadline_local = '2027-03-31T14:00';
    values.settings.full_stage.deadline_local = '2027-07-14T13:59:59';
    values.settings.funders[0]!.envelope_cents = '1,234.56';
    values.settings.cap_per_project_cents = '0.1';
    values.settings.documents[0]!.max_size_bytes = 2.5;
    values.settings.min_duration_months = '6';
    const body = toCallBody(values, settings);
    expect(body.settings?.outline_stage).toEqual({ deadline_local: '2027-03-31T14:00:00' });
    expect(body.settings?.full_stage).toEqual({ deadline_local: '2027-07-14T13:59:59' });
    expect(body.settings?.funders[0]?.envelope_cents).toBe(123_456);
    expect(body.settings?.cap_per_project_cents).toBe(10);
    expect(body.settings?.documents[0]?.max_size_bytes).toBe(2_621_440);
    expect(body.settings?.min_duration_months).toBe(6);
  });

  it('keeps settings this editor does not know about', () => {
    const settings = { ...defaultSettings(), future_rule: 42 } as ReturnType<typeof defaultSettings>;
    const body = toCallBody(toFormValues('A call', '', settings), settings);
    expect(body.settings).toMatchObject({ future_rule: 42 });
  });
});

describe('validateCallForm', () => {
  it('checks amounts and deadlines before anything is sent', () => {
    const values = toFormValues('', '', defaultSettings());
    values.settings.funders[1]!.envelope_cents = '12.345';
    values.settings.cap_per_project_cents = '-5';
    values.settings.full_stage.deadline_local = '2027-07-14T';
    values.settings.criteria[0]!.weight = '';
    expect(validateCallForm(values, en)).toEqual({
      title: 'This field is required.',
      'settings.funders.1.envelope_cents': 'Use at most two decimals (whole cents).',
      'settings.cap_per_project_cents': 'The amount cannot be negative.',
      'settings.full_stage.deadline_local': 'Enter a date and a time.',
      'settings.criteria.0.weight': 'Enter a number.',
    });
  });
});
