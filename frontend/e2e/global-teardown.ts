/**
 * Stops the server and the SMTP sink that global-setup.ts started, keeps the
 * server log as an artefact (e2e-artifacts/server.log) and removes the
 * temporary folder (database, documents, maildir) unless E2E_KEEP=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, STATE_FILE, type StackState } from './env';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after five seconds. Only the pids this run started. */
async function stop(pid: number) {
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export default async function globalTeardown() {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as StackState;
  await stop(state.serverPid);
  await stop(state.smtpPid);
  if (fs.existsSync(state.serverLog)) fs.copyFileSync(state.serverLog, path.join(ARTIFACTS_DIR, 'server.log'));
  if (process.env.E2E_KEEP === '1') {
    console.log(`e2e: kept ${state.workDir} (database, documents, maildir)`);
  } else {
    fs.rmSync(state.workDir, { recursive: true, force: true });
  }
  fs.rmSync(STATE_FILE);
}
