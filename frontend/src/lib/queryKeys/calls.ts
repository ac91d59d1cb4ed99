/** Prefix of every call query: lists, single calls and the defaults. */
export const callsQueryKey = ['calls'] as const;
