import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules and axe's best practices) on the
 * page as it is now and fails on serious or critical violations. Every
 * finding, whatever its impact, is attached to the test's report as JSON
 * (e2e-artifacts/report).
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  await testInfo.attach(`axe-${name.replace(/\s+/g, '-')}.json`, {
    body: JSON.stringify(
      results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
      null,
      2,
    ),
    contentType: 'application/json',
  });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).slice(0, 10),
    }));
  expect(blocking, `serious or critical accessibility violations on the ${name} page`).toEqual([]);
}
