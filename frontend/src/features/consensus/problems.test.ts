import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { ApiError } from '../../lib/problem';
import { FULL_CRITERIA } from '../../test/reviews';
import { readableProblem } from './problems';

describe('readableProblem', () => {
  it('lists a 422 of the approval field by field, in words', () => {
    const error = new ApiError(422, {
      status: 422,
      detail: '2 field(s) are invalid: scores.impact.comment, overall_comment',
      errors: [
        { field: 'scores.impact.comment', message: 'Explain the score for Impact.' },
        { field: 'scores.implementation', message: 'Score Implementation.' },
        { field: 'overall_comment', message: 'Write an overall comment.' },
      ],
    });
    expect(readableProblem(error, FULL_CRITERIA, en)).toEqual({
      message: 'The report cannot be approved yet:',
      items: [
        'Impact, comment: Explain the score for Impact.',
        'Implementation: Score Implementation.',
        'Overall comment: Write an overall comment.',
      ],
    });
  });

  it('says why a 409 refused it', () => {
    const error = new ApiError(409, { status: 409, detail: 'The reply window is still open.' });
    expect(readableProblem(error, FULL_CRITERIA, en)).toEqual({ message: 'The reply window is still open.', items: [] });
  });
});
