"""Sums the passed/failed counts that cargo test and vitest printed, as one line."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;]*m", "", text)
passed = failed = 0
for ok, bad in re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", text):
    passed += int(ok)
    failed += int(bad)
for line in re.findall(r"^\s*Tests\s+(.*)$", text, re.M):
    ok = re.search(r"(\d+) passed", line)
    bad = re.search(r"(\d+) failed", line)
    passed += int(ok.group(1)) if ok else 0
    failed += int(bad.group(1)) if bad else 0
print(f"ci: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
