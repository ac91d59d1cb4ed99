import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { FULL_CRITERIA } from '../test/reviews';
import {
  SCORE_STEPS,
  formatScore,
  placeReviewErrors,
  scoreMeaning,
  toReviewContent,
  toReviewFormValues,
} from './scoring';

describe('the scale', () => {
  it('has eleven half-point steps from 0 to 5, each with a meaning', () => {
    expect(SCORE_STEPS).toHaveLength(11);
    expect(SCORE_STEPS.map((s) => scoreMeaning(s, en))).toEqual([
      'Fails or cannot be assessed',
      'Between fails and poor',
      'Poor',
      'Between poor and fair',
      'Fair',
      'Between fair and good',
      'Good',
      'Between good and very good',
      'Very good',
      'Between very good and excellent',
      'Excellent',
    ]);
    expect(scoreMeaning(3.25, en)).toBe('');
  });

  it('formats scores in the locale', () => {
    expect(formatScore(3.5, 'en-GB')).toBe('3.5');
    expect(formatScore(3.5, 'fr-FR')).toBe('3,5');
    expect(formatScore(4, 'en-GB')).toBe('4');
  });
});

describe('review form values', () => {
  it('has an entry per criterion of the stage and sends a missing score as null', () => {
    const values = toReviewFormValues({ scores: { impact: { score: 2.5, comment: 'Hm.' } } }, FULL_CRITERIA);
    expect(Object.keys(values.scores)).toEqual(['excellence', 'impact', 'implementation']);
    expect(toReviewContent(values)).toEqual({
      scores: {
        excellence: { score: null, comment: '' },
        impact: { score: 2.5, comment: 'Hm.' },
        implementation: { score: null, comment: '' },
      },
      overall_comment: '',
    });
  });
});

describe('placeReviewErrors', () => {
  it('puts each error at its field, a missing criterion at its score, the rest in general', () => {
    const placed = placeReviewErrors(
      [
        { field: 'scores.impact.comment', message: 'Explain the score for Impact.' },
        { field: 'scores.implementation', message: 'Score Implementation.' },
        { field: 'scores.excellence.score', message: 'A score is 0 to 5 in half points.' },
        { field: '/overall_comment', message: 'Write an overall comment.' },
        { field: 'scores.novelty', message: 'This call has no such criterion at this stage.' },
      ],
      FULL_CRITERIA.map((c) => c.key),
    );
    expect(placed.fields).toEqual({
      'scores.impact.comment': 'Explain the score for Impact.',
      'scores.implementation.score': 'Score Implementation.',
      'scores.excellence.score': 'A score is 0 to 5 in half points.',
      overall_comment: 'Write an overall comment.',
    });
    expect(placed.general).toEqual(['This call has no such criterion at this stage.']);
  });
});
