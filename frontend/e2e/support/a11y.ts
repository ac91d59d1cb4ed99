import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/**
 * A known serious finding tolerated on one page until the component is fixed:
 * the axe rule and a part of the failing node's selector (axe's `target`).
 * Every use needs a TODO naming the component; the finding is still attached
 * to the report, and any other node or rule still fails the test.
 */
export interface KnownViolation {
  rule: string;
  target: string;
}

/**
 * Waits until no finite animation or transition runs: a modal that is closing keeps its
 * frame in the page for its exit transition after its title is gone, and axe would judge
 * that half-removed dialog (seen on a loaded machine) rather than the page people see.
 * Endless animations (a loader's spin) do not count.
 */
async function settled(page: Page) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules and axe's best practices) on the
 * page as it is now and fails on serious or critical violations (except the
 * `known` ones). Every finding, whatever its impact, is attached to the
 * test's report as JSON (e2e-artifacts/report).
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string, known: readonly KnownViolation[] = []) {
  await settled(page);
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
  const isKnown = (rule: string, target: string) => known.some((k) => k.rule === rule && target.includes(k.target));
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .filter((n) => !isKnown(v.id, n.target.join(' ')))
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .slice(0, 10),
    }))
    .filter((v) => v.nodes.length > 0);
  expect(blocking, `serious or critical accessibility violations on the ${name} page`).toEqual([]);
}
