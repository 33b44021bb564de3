"""wvisit: record a home visit offline, keep the child's words, sync to the central record."""

__version__ = "0.1.0"
