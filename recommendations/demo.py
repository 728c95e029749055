"""Demo records reproducing the committee bundle of 19/02/2024. Idempotent."""


def load(*, actor):
    """Filled in by this app's feature."""
