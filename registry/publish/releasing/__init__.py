"""Releasing a version of a standard: its sources, resolved against the catalogue, built, checked,
compared with the previous version, and recorded whole (or refused with every reason).

::

    ReleaseSources ── plan_release ──→ ReleasePlan ── build_release ──→ PreparedRelease ── publish_release
    (module, shapes,   (409 if the      (exact imports,  (worker-safe)   (bundle, failed     (one transaction,
     examples, core)    version exists)  previous)                        checks, verdict)    or 422)
"""

from registry.publish.releasing.archive import ArchiveLimits, extract_examples
from registry.publish.releasing.build import PUBLISHABLE_STATUSES, PreparedRelease, build_release
from registry.publish.releasing.plan import ReleasePlan, plan_release, refuse_existing
from registry.publish.releasing.publish import (
    discard_scratch,
    plan,
    prepare_release,
    publish_release,
    scratch_directory,
)
from registry.publish.releasing.sources import (
    ModuleHeader,
    ReleaseSources,
    module_header,
    sources_from_disk,
    sources_from_upload,
)

__all__ = [
    "PUBLISHABLE_STATUSES",
    "ArchiveLimits",
    "ModuleHeader",
    "PreparedRelease",
    "ReleasePlan",
    "ReleaseSources",
    "build_release",
    "discard_scratch",
    "extract_examples",
    "module_header",
    "plan",
    "plan_release",
    "prepare_release",
    "publish_release",
    "refuse_existing",
    "scratch_directory",
    "sources_from_disk",
    "sources_from_upload",
]
