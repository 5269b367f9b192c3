"""Entry point of the frozen build (PyInstaller needs a script, not ``app.cli:main``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen Windows/macOS child process started by multiprocessing re-runs this script;
    # freeze_support() turns it into the worker instead of a second Pagefold.
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
