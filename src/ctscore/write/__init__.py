"""write: put finished files in place, all of a build's files together or none."""

from ctscore.write.atomic import write_atomic
from ctscore.write.publish import publish_together

__all__ = ["publish_together", "write_atomic"]
