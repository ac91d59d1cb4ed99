import type { Messages } from '../../i18n/en';
import type { Criterion } from '../../lib/api/types';
import { ApiError, errorMessage, normaliseField } from '../../lib/problem';

/** What a field of a consensus report is called for people: "Impact, comment", "Overall comment". */
export function describeReportField(field: string, criteria: readonly Criterion[], t: Messages): string | null {
  const name = normaliseField(field);
  if (name === '') return null;
  if (name === 'overall_comment') return t.consensus.overall;
  const match = /^scores\.([^.]+)(?:\.(score|comment))?$/.exec(name);
  if (!match) return name;
  const label = criteria.find((c) => c.key === match[1])?.label ?? match[1] ?? name;
  if (match[2] === 'score') return t.consensus.fieldOf(label, t.consensus.partScore);
  if (match[2] === 'comment') return t.consensus.fieldOf(label, t.consensus.partComment);
  return label;
}

/** A refused request as a heading and a list: each `errors[]` entry with the field it is about. */
export function readableProblem(error: unknown, criteria: readonly Criterion[], t: Messages): { message: string; items: string[] } {
  if (error instanceof ApiError && (error.problem.errors ?? []).length > 0) {
    return {
      message: error.problem.detail && error.status !== 422 ? error.problem.detail : t.consensus.approveRefused,
      items: (error.problem.errors ?? []).map((e) => {
        const where = describeReportField(e.field, criteria, t);
        return where ? `${where}: ${e.message}` : e.message;
      }),
    };
  }
  return { message: errorMessage(error, t), items: [] };
}
