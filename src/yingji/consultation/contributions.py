"""What the consultation app contributes to the platform (core.extensions), registered from apps.py: its menu, two
timeline kinds (会商, 会商决定), the invitations waiting for acknowledgement in the to-do inbox (and the notice to the
invited units when a consultation is convened), the consultations panel of the incident page, and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext

MENU = _lazy("统一协同会商")


def _waiting(user):
    from .choices import State
    from .models import Invitee

    if not user.organization_id or not user.has_perm("consultation.view_consultation"):
        return Invitee.objects.none()
    from yingji.core.scoping import scope_to_user

    return scope_to_user(Invitee.objects.filter(organization_id=user.organization_id, acknowledged_at=None)
                         .exclude(consultation__state=State.CLOSED), user)


def _item(invitee) -> ext.TodoItem:
    consultation = invitee.consultation
    url = reverse("consultation:detail", kwargs={"uuid": consultation.uuid})
    return ext.TodoItem(title=consultation.title, url=url,
                        kind=str(_lazy("确认参加会商")), due_at=consultation.scheduled_at,
                        waiting_since=invitee.notified_at)


def _items(user) -> list[ext.TodoItem]:
    return [_item(i) for i in _waiting(user).select_related("consultation").order_by("notified_at")[:50]]


def _notice(event):
    from yingji.core.models import User

    from .models import Consultation

    consultation = Consultation.objects.filter(uuid=event.payload.get("uuid")).first()
    if consultation is None:
        return None
    invitees = consultation.invitees.exclude(organization=None)
    if event.kind == "consultation.invited":  # only the units invited later are told
        invitees = invitees.filter(pk__in=[i for i in event.payload.get("invitees", []) if isinstance(i, int)])
    organizations = [i.organization_id for i in invitees]
    users = [u for u in User.objects.filter(organization_id__in=organizations, is_active=True).select_related("region")
             if u.has_perm("consultation.view_consultation")]
    invitee = invitees.first()
    return ext.TodoNotice(_item(invitee), tuple(users)) if invitee is not None else None


def _panel(user, incident):
    from .views import incident_panel

    return incident_panel(user, incident)


def _links(user, incident):
    if not user.has_perm("consultation.convene_consultation"):
        return []
    return [(str(_lazy("召集会商")), reverse("consultation:new") + f"?incident={incident.uuid}", "convene-link")]


def register() -> None:
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("会商列表"), "consultation:list", "consultation.view_consultation",
                                   order=10))
    ext.TIMELINE_KINDS.add(ext.TimelineKind("consultation", _lazy("会商"), "people", order=60))
    ext.TIMELINE_KINDS.add(ext.TimelineKind("consult_decision", _lazy("会商决定"), "check2-square", order=61))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("consultation.invitations", _lazy("会商邀请"), _items, order=25,
                                            count=lambda user: _waiting(user).count(),
                                            notify_on=("consultation.convened", "consultation.invited"),
                                            notice=_notice))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("consultation.list", "consultation/incident_panel.html", _panel,
                                              links=_links, order=55))
    ext.DEMO_LOADERS.add(ext.DemoLoader("consultation", "yingji.consultation.demo.load", order=98))
