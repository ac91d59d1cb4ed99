import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { tokenStore } from '../auth/tokenStore';
import { createAuthFetch } from './authFetch';

function origin(): string {
  return typeof window !== 'undefined' ? window.location.origin : 'http://localhost';
}

/** The typed client of the jointcall API; paths and bodies come from openapi.json. */
export const api = createClient<paths>({
  baseUrl: origin(),
  fetch: createAuthFetch({ store: tokenStore }),
  headers: { Accept: 'application/json, application/problem+json' },
});

export type ApiPaths = paths;
