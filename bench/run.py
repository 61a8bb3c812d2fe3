"""Run every benchmark under bench/ in turn; each prints its own figure last as `ratio=…`.

Benchmarks arrive with the capabilities they measure (see DESIGN.md's performance table).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("[!_]*.py") if p.name != "run.py")  # _x.py: helpers
    if not scripts:
        print("No benchmarks yet.")
        return 0
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
