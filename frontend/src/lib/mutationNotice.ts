/**
 * What a mutation hook runs on success before it updates the query cache.
 *
 * A callback passed to `mutate(vars, { onSuccess })` runs only while the component that called
 * it is still mounted; when the cache update replaces that component (a submitted review swaps
 * the editor for the read-only view), the callback is dropped. The hook's own `onSuccess` always
 * runs, so a success notification given here survives the component.
 */
export interface SuccessNotice<TData> {
  onSuccess?: (data: TData) => void;
}
