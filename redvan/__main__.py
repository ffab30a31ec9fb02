"""`python -m redvan`, and the frozen app's entry point (build.spec)."""

import sys

from redvan.cli import main

if __name__ == "__main__":
    if sys.argv[1:] == ["--platform-probe"]:  # the self-test's real start on a display
        from redvan.gui.selftest import platform_probe

        sys.exit(platform_probe())
    sys.exit(main())
