"""`python -m redvan`, and the frozen app's entry point (build.spec)."""

import sys

from redvan.cli import main

if __name__ == "__main__":
    sys.exit(main())
