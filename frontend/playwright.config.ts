import { defineConfig, devices } from '@playwright/test';
import { ARTIFACTS_DIR, BASE_URL } from './e2e/env';

/**
 * Browser end-to-end tests (`make e2e`, or `npx playwright test` here after
 * building the SPA and the server): Debian's Chromium, never a downloaded
 * browser; one worker (the story is serial and the machines have two cores);
 * the real server, database and SMTP sink started by e2e/global-setup.ts.
 * Artefacts (screenshots, HTML report, server log) go to e2e-artifacts/.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: `${ARTIFACTS_DIR}/test-results`,
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: `${ARTIFACTS_DIR}/report` }]],
  use: {
    baseURL: BASE_URL,
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium' },
    locale: 'en-GB',
    timezoneId: 'Europe/Luxembourg',
    screenshot: 'on',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 900 },
      },
    },
  ],
});
