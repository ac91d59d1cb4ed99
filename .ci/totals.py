"""Sums the passed/failed counts that cargo test, vitest and Playwright printed, as one line.

Usage: totals.py LOG [LOG...]   (e.g. .ci/test.log .ci/e2e.log)
"""
import re
import sys


def counts(text):
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    passed = failed = 0
    # cargo test: "test result: ok. 12 passed; 0 failed; ..."
    for ok, bad in re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", text):
        passed += int(ok)
        failed += int(bad)
    # vitest: "      Tests  80 passed (80)" / "Tests  1 failed | 79 passed (80)"
    for line in re.findall(r"^\s*Tests\s+(.*)$", text, re.M):
        ok = re.search(r"(\d+) passed", line)
        bad = re.search(r"(\d+) failed", line)
        passed += int(ok.group(1)) if ok else 0
        failed += int(bad.group(1)) if bad else 0
    # Playwright's summary: "  7 passed (1.1m)", "  1 failed", "  1 flaky", "  5 did not run",
    # "  1 interrupted". Retries are off, so a flaky test counts as failed, as does one that
    # did not run because an earlier step of the serial story failed.
    for n, what in re.findall(r"^\s+(\d+) (passed|failed|flaky|did not run|interrupted)\b", text, re.M):
        if what == "passed":
            passed += int(n)
        else:
            failed += int(n)
    return passed, failed


passed = failed = 0
for path in sys.argv[1:]:
    ok, bad = counts(open(path, encoding="utf-8", errors="replace").read())
    passed += ok
    failed += bad
print(f"ci: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
