"""advies: decide whether, and how, a group should start intervisie."""

__version__ = "0.1.0"
