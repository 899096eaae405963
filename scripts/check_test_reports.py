"""Fail unless every given JUnit report ran at least one test and skipped none.

CI uses this so that the PostgreSQL and browser runs cannot pass by being skipped.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def summary(path: Path) -> tuple[int, int]:
    root = ET.parse(path).getroot()  # noqa: S314
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = sum(int(s.get("tests", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return tests, skipped


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        path = Path(name)
        if not path.exists():
            print(f"{name}: missing, so that run did not happen")
            failed = True
            continue
        tests, skipped = summary(path)
        print(f"{name}: {tests} tests, {skipped} skipped")
        if tests == 0 or skipped:
            print(f"{name}: every test in this run must execute")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
