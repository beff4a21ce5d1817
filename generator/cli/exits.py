"""The command's exit codes (the package's docstring says what each means)."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + the signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM
