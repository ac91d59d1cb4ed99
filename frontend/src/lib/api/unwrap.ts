import { ApiError } from '../problem';

interface ClientResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an `ApiError`
 * carrying the RFC 9457 problem the server sent.
 */
export async function unwrap<D>(call: Promise<ClientResult<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.fromResponse(response, error);
  return data as D;
}
