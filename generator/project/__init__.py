"""The writer's project around an outline: its ``duopress.toml``, the settings a command runs with (and where
each came from), which problems it shows at which severity, and ``duopress init``'s starting files."""
