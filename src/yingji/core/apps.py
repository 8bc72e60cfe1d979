from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yingji.core"
    label = "core"
    verbose_name = _("基础平台")

    def ready(self):
        from . import audit, registrations  # noqa: F401  (connect audit signal handlers, declare registries)
        from .choice_display import install as install_choice_display
        from .standards_config import apply_standards_overrides

        install_choice_display()

        apply_standards_overrides()
        self._audit_chain()

    def _audit_chain(self):
        """A worker step seals what requests wrote, a periodic hook anchors the chain's head outside the
        database, and loading the demo seals its entries once at the end (docs/security.md, "Audit trail")."""
        from django.conf import settings

        from .audit import seal_pending
        from .audit_anchor import write_anchor
        from .extensions import DEMO_LOADERS, PERIODIC_HOOKS, WORKER_STEPS, DemoLoader, PeriodicHook, WorkerStep

        WORKER_STEPS.add(WorkerStep("core.audit_seal", lambda now: seal_pending(), order=10))
        PERIODIC_HOOKS.add(PeriodicHook("core.audit_anchor", write_anchor, every_seconds=settings.AUDIT_ANCHOR_SECONDS))
        DEMO_LOADERS.add(DemoLoader("core.audit_seal", lambda progress: seal_pending(), order=10_000))
