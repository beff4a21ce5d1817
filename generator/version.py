"""duopress's version: one place, read by the package, the wheel's metadata and every digest."""

__version__ = "0.1.0"
