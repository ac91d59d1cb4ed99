/**
 * Where the end-to-end run's pieces live. Read by playwright.config.ts (in the
 * runner and in every worker, so it must give the same answers each time),
 * by the global set-up and teardown, and by the tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The frontend folder (this file sits in frontend/e2e). */
export const FRONTEND_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Screenshots, the HTML report, the server log: frontend/e2e-artifacts (gitignored). */
export const ARTIFACTS_DIR = path.join(FRONTEND_DIR, 'e2e-artifacts');

/** The running stack's pids and folders, written by the set-up for the teardown. */
export const STATE_FILE = path.join(ARTIFACTS_DIR, '.stack.json');

/** The built SPA the server serves. */
export const DIST_DIR = path.join(FRONTEND_DIR, 'dist');

/** The server binary: `JOINTCALL_BIN`, relative paths taken from the frontend folder. */
export const SERVER_BIN = path.resolve(FRONTEND_DIR, process.env.JOINTCALL_BIN ?? '../target/debug/jointcall');

/** The Python that has aiosmtpd (`E2E_PYTHON`, default `python3`). */
export const PYTHON = process.env.E2E_PYTHON ?? 'python3';

function port(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${variable} must be a TCP port, not ${process.env[variable]}`);
  }
  return value;
}

/** Fixed (not random) so that every worker computes the same base URL; override when taken. */
export const HTTP_PORT = port('E2E_PORT', 18080);
export const SMTP_PORT = port('E2E_SMTP_PORT', 18025);

export const BASE_URL = `http://127.0.0.1:${HTTP_PORT}`;

/** The administrator made by `jointcall create-admin` before the server starts. */
export const ADMIN = {
  email: 'admin@e2e.test',
  password: 'the e2e administrator password',
  name: 'Administrator',
} as const;

/** What the set-up writes to STATE_FILE. */
export interface StackState {
  workDir: string;
  maildir: string;
  serverPid: number;
  smtpPid: number;
  serverLog: string;
}
