"""What Schemathesis found, from its JUnit report: each operation it tested is a test, and each
failing one is printed with each of its failures (the check, what was received, the request
to reproduce it), long lines cut. Writes "PASSED FAILED" to COUNTS for
scripts/test-contract.

    python junit_summary.py TITLE REPORT.xml EXIT_STATUS COUNTS
"""

import sys
import xml.etree.ElementTree as ET

title, report, status, counts = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
WIDTH = 300  # a reproducing request can be tens of kilobytes long: its start is enough here
passed, failed, lines = 0, 0, []


def cut(line):
    return line if len(line) <= WIDTH else f"{line[:WIDTH]}… ({len(line) - WIDTH} more characters)"


try:
    cases = ET.parse(report).getroot().iter("testcase")
except (OSError, ET.ParseError) as e:
    cases, lines = [], [f"  no report ({e}): Schemathesis stopped before testing (its output is above)"]
for case in cases:
    problems = [p for p in case if p.tag in ("failure", "error")]
    if not problems:
        passed += 1
        continue
    failed += 1
    lines.append(f"  {case.get('name')}:")
    for p in problems:
        text = (p.text or p.get("message") or "").strip()
        lines.extend(f"    {cut(line)}" for line in text.splitlines() if line.strip())
if status != 0 and failed == 0:
    # Schemathesis failed without a failing operation in its report (a schema it could not
    # load, an error of the run): one failure, its output above says what.
    failed = 1
    lines.append(f"  Schemathesis exited with {status} (its output is above)")
print(f"{title}: {passed + failed} tested, {passed} passed, {failed} with findings")
for line in lines:
    print(line)
with open(counts, "w") as f:
    f.write(f"{passed} {failed}\n")
