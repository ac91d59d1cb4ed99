export const reviewsQueryKey = ['reviews'] as const;

export const myAssignmentsQueryKey = [...reviewsQueryKey, 'mine'] as const;

/** One assignment and everything hanging off it (review, versions, others' reviews). */
export function assignmentQueryKey(id: string) {
  return [...reviewsQueryKey, 'assignment', id] as const;
}

export function reviewQueryKey(assignmentId: string) {
  return [...assignmentQueryKey(assignmentId), 'review'] as const;
}

export function reviewVersionsQueryKey(assignmentId: string) {
  return [...assignmentQueryKey(assignmentId), 'versions'] as const;
}

export function peerReviewsQueryKey(assignmentId: string) {
  return [...assignmentQueryKey(assignmentId), 'peers'] as const;
}
