"""Who is on duty at a given time: every post, its holder and phone (masked unless the role needs it)."""

from dataclasses import dataclass

from yingji.core.masking import mask_phone
from yingji.core.scoping import scope_to_user

from .models import DutyPost, Shift

PHONE_PERMISSION = "core.view_contact_phone"


@dataclass
class OnDuty:
    post: DutyPost
    shift: Shift | None

    @property
    def person(self):
        return self.shift.person if self.shift else None


def holders(at, *, region=None, user=None, roles=None) -> list[OnDuty]:
    posts = (DutyPost.objects.filter(status="active").select_related("organization", "region", "pattern")
             .defer("region__geometry"))
    if user is not None:
        posts = scope_to_user(posts, user)
    if region is not None:
        posts = posts.filter(region__path__startswith=region.path)
    if roles:
        posts = posts.filter(role__in=roles)
    posts = list(posts.order_by("region__code", "order", "code"))
    current = Shift.objects.filter(post__in=posts, start__lte=at, end__gt=at).select_related("person")
    by_post = {shift.post_id: shift for shift in current}
    return [OnDuty(post, by_post.get(post.pk)) for post in posts]


def holder_of(post, at):
    shift = Shift.objects.filter(post=post, start__lte=at, end__gt=at).select_related("person").first()
    return shift.person if shift else None


def phone_for(person, user) -> str:
    if person is None:
        return ""
    if user is not None and user.has_perm(PHONE_PERMISSION):
        return person.mobile
    return mask_phone(person.mobile)


def as_dict(row: OnDuty, user) -> dict:
    person, shift = row.person, row.shift
    return {
        "post": {"code": row.post.code, "name": row.post.name, "role": row.post.role,
                 "role_label": row.post.get_role_display()},
        "organization": {"code": row.post.organization.code, "name": row.post.organization.name},
        "region": {"code": row.post.region.code, "name": row.post.region.name},
        "person": {"code": person.code, "name": person.name, "phone": phone_for(person, user)} if person else None,
        "shift": {"uuid": str(shift.uuid), "label": shift.label, "start": shift.start.isoformat(),
                  "end": shift.end.isoformat()} if shift else None,
        "empty": person is None,
    }
