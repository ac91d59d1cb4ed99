/**
 * Starts what the browser tests talk to, once per run:
 *  - an SMTP sink (aiosmtpd writing a maildir, as in .ci/smoke.py),
 *  - the real server binary on a fresh SQLite database in a temporary folder,
 *    with the test clock hook on and mailed links pointing at itself,
 *  - an administrator made by `jointcall create-admin` before the start.
 * global-teardown.ts stops both and keeps the server log with the artefacts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  ADMIN,
  ARTIFACTS_DIR,
  BASE_URL,
  DIST_DIR,
  HTTP_PORT,
  PYTHON,
  SERVER_BIN,
  SMTP_PORT,
  STATE_FILE,
  type StackState,
} from './env';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when nothing listens on the port (so we do not test someone else's server). */
function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(new Error(`port ${port} is in use; set ${variable} to a free port for the e2e run`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess | undefined) {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
}

export default async function globalSetup() {
  if (!fs.existsSync(SERVER_BIN)) {
    throw new Error(`no server binary at ${SERVER_BIN}: run \`cargo build --bin jointcall\` or set JOINTCALL_BIN`);
  }
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`no built web app in ${DIST_DIR}: run \`npm run build\` first`);
  }
  await assertPortFree(HTTP_PORT, 'E2E_PORT');
  await assertPortFree(SMTP_PORT, 'E2E_SMTP_PORT');
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // The step screenshots of an earlier run would mislead.
  for (const name of fs.readdirSync(ARTIFACTS_DIR)) {
    if (name.endsWith('.png') || name === 'server.log') fs.rmSync(path.join(ARTIFACTS_DIR, name));
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointcall-e2e-'));
  const maildir = path.join(workDir, 'maildir');
  const serverLog = path.join(workDir, 'server.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite://${workDir}/e2e.db`,
    JOINTCALL_BIND: `127.0.0.1:${HTTP_PORT}`,
    JOINTCALL_PUBLIC_URL: BASE_URL,
    JOINTCALL_SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    JOINTCALL_STORAGE_DIR: path.join(workDir, 'docs'),
    JOINTCALL_STATIC_DIR: DIST_DIR,
    JOINTCALL_TEST_HOOKS: '1',
    JOINTCALL_ENV: 'development',
    // Mail within a second, and no sign-in throttling in a run that signs in a lot from one address.
    JOINTCALL_MAIL_INTERVAL_SECS: '1',
    JOINTCALL_LOGIN_LIMIT_ACCOUNT: '1000',
    JOINTCALL_LOGIN_LIMIT_ADDRESS: '1000',
    JOINTCALL_LIMIT_ADDRESS_HOURLY: '1000',
    JOINTCALL_WORKERS: '2',
    RUST_LOG: process.env.RUST_LOG ?? 'info',
  };

  let smtp: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  try {
    smtp = spawn(
      PYTHON,
      ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${SMTP_PORT}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    smtp.once('error', (e) => console.error(`cannot start ${PYTHON} -m aiosmtpd: ${e.message}`));
    await waitFor('the SMTP sink (aiosmtpd)', () => canConnect(SMTP_PORT), smtp, 15_000);

    const admin = spawnSync(SERVER_BIN, ['create-admin', '--email', ADMIN.email], {
      env: { ...env, JOINTCALL_ADMIN_PASSWORD: ADMIN.password },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (admin.status !== 0) {
      throw new Error(`create-admin failed (${admin.status}): ${admin.stderr || admin.error?.message}`);
    }

    const log = fs.openSync(serverLog, 'a');
    server = spawn(SERVER_BIN, ['serve'], { env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    await waitFor(
      'the server',
      async () => {
        try {
          return (await fetch(`${BASE_URL}/health`)).ok;
        } catch {
          return false;
        }
      },
      server,
      30_000,
    );
    // Real time to begin with, whatever an earlier run left.
    await fetch(`${BASE_URL}/api/v1/test/clock`, { method: 'DELETE' });
  } catch (error) {
    stop(server);
    stop(smtp);
    if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(ARTIFACTS_DIR, 'server.log'));
    throw error;
  }

  const state: StackState = {
    workDir,
    maildir,
    serverPid: server.pid ?? 0,
    smtpPid: smtp.pid ?? 0,
    serverLog,
  };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
