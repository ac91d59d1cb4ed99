/**
 * PROVISIONAL hand-written schema, used until ../openapi/openapi.json exists.
 * Replace with `npm run gen:api` output as soon as the spec is committed.
 */

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Problem = { headers: { [name: string]: unknown }; content: { 'application/problem+json': components['schemas']['Problem'] } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Body<T> = { content: { 'application/json': T } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };

export interface paths {
  '/api/v1/auth/register': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['RegisterRequest']>; responses: { 201: Json<components['schemas']['User']>; 409: Problem; 422: Problem } };
  };
  '/api/v1/auth/login': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['LoginRequest']>; responses: { 200: Json<components['schemas']['TokenResponse']>; 401: Problem; 422: Problem; 429: Problem } };
  };
  '/api/v1/auth/refresh': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['RefreshRequest']>; responses: { 200: Json<components['schemas']['TokenResponse']>; 401: Problem } };
  };
  '/api/v1/auth/logout': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['RefreshRequest']>; responses: { 204: NoContent } };
  };
  '/api/v1/auth/email-verification': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['TokenRequest']>; responses: { 204: NoContent; 400: Problem; 422: Problem } };
  };
  '/api/v1/auth/password-reset': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['PasswordResetRequest']>; responses: { 202: NoContent; 422: Problem } };
  };
  '/api/v1/auth/password-reset/confirm': {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<components['schemas']['PasswordResetConfirm']>; responses: { 204: NoContent; 400: Problem; 422: Problem } };
  };
  '/api/v1/me': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<components['schemas']['User']>; 401: Problem } };
  };
  '/api/v1/me/password': {
    parameters: NoParams;
    put: { parameters: NoParams; requestBody: Body<components['schemas']['ChangePasswordRequest']>; responses: { 204: NoContent; 401: Problem; 422: Problem } };
  };
  '/api/v1/me/affiliations': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<components['schemas']['Affiliation'][]>; 401: Problem } };
    post: { parameters: NoParams; requestBody: Body<components['schemas']['NewAffiliation']>; responses: { 201: Json<components['schemas']['Affiliation']>; 401: Problem; 409: Problem; 422: Problem } };
  };
  '/api/v1/me/affiliations/{organisation_id}': {
    parameters: NoParams;
    delete: { parameters: { query?: never; header?: never; path: { organisation_id: string }; cookie?: never }; requestBody?: never; responses: { 204: NoContent; 401: Problem; 404: Problem } };
  };
  '/api/v1/organisations': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<components['schemas']['Organisation'][]>; 401: Problem } };
    post: { parameters: NoParams; requestBody: Body<components['schemas']['NewOrganisation']>; responses: { 201: Json<components['schemas']['Organisation']>; 401: Problem; 422: Problem } };
  };
  '/api/v1/users': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<components['schemas']['User'][]>; 401: Problem; 403: Problem } };
  };
  '/api/v1/users/{id}/roles': {
    parameters: NoParams;
    put: {
      parameters: { query?: never; header: { 'If-Match': string }; path: { id: string }; cookie?: never };
      requestBody: Body<components['schemas']['RolesUpdate']>;
      responses: { 200: Json<components['schemas']['User']>; 401: Problem; 403: Problem; 412: Problem; 422: Problem; 428: Problem };
    };
  };
}

export interface components {
  schemas: {
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      errors?: components['schemas']['FieldError'][] | null;
    };
    FieldError: { field: string; code: string; message: string };
    Role: 'applicant' | 'reviewer' | 'funder' | 'operator' | 'admin';
    Agency: 'MECO' | 'FNR' | 'DS';
    OrganisationKind: 'company' | 'research_organisation' | 'hospital' | 'other';
    CompanySize: 'micro' | 'small' | 'medium' | 'large';
    RegisterRequest: { email: string; password: string; full_name: string };
    LoginRequest: { email: string; password: string };
    RefreshRequest: { refresh_token: string };
    TokenRequest: { token: string };
    PasswordResetRequest: { email: string };
    PasswordResetConfirm: { token: string; new_password: string };
    ChangePasswordRequest: { current_password: string; new_password: string };
    TokenResponse: { access_token: string; refresh_token: string; token_type: string; expires_in: number };
    User: {
      id: string;
      email: string;
      full_name: string;
      roles: components['schemas']['Role'][];
      agency?: components['schemas']['Agency'] | null;
      email_verified: boolean;
      version: number;
      created_at: string;
    };
    RolesUpdate: { roles: components['schemas']['Role'][]; agency?: components['schemas']['Agency'] | null };
    Affiliation: { organisation_id: string; organisation_name: string; position: string };
    NewAffiliation: { organisation_id: string; position: string };
    Organisation: {
      id: string;
      name: string;
      kind: components['schemas']['OrganisationKind'];
      country: string;
      company_size?: components['schemas']['CompanySize'] | null;
      registration_number?: string | null;
      version: number;
    };
    NewOrganisation: {
      name: string;
      kind: components['schemas']['OrganisationKind'];
      country: string;
      company_size?: components['schemas']['CompanySize'] | null;
      registration_number?: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;
export type operations = Record<string, never>;
