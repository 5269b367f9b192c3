"""The domain: no Qt here, usable from the CLI, tests and benchmarks alone."""
