"""Indicator 3.3 应急救援人员受专业培训率: the rescue teams' members with a training record valid today ÷ all the
teams' members (in the user's reach)."""

from django.utils import timezone

from yingji.core.scoping import scope_to_user


def training_rate(user, today=None) -> dict:
    from yingji.resources.models import TeamMember

    today = today or timezone.localdate()
    members = scope_to_user(TeamMember.objects.all(), user)
    total = members.count()
    trained = members.filter(training_records__attended=True, training_records__valid_until__gte=today) \
        .distinct().count()
    return {"total": total, "trained": trained, "percent": round(100 * trained / total, 1) if total else 0.0}
