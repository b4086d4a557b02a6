"""write: put finished files in place atomically."""

from ctscore.write.atomic import write_atomic

__all__ = ["write_atomic"]
