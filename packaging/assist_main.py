"""The bundled app's entry point: the same `assist` command as the installed one."""

import sys

from assist.cli import main

if __name__ == "__main__":
    sys.exit(main())
