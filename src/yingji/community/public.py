"""The public volunteer sign-up (no login), as a page and as an API endpoint: consent is required (志愿服务条例),
a minor needs a guardian's consent, each address may sign up a few times an hour (like the public report), and a
bot filling the hidden field is thanked without anything being saved. A sign-up waits for the bureau's review."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError
from yingji.core.models import Region, RegionLevel
from yingji.core.services import save_record
from yingji.incidents.forms import posted

from .api_serializers import SignedUpSerializer, SignUpSerializer
from .forms import SignUpForm
from .registrations import VOLUNTEERS

SIGNUPS_PER_HOUR = 5
FIELDS = ("name", "phone", "id_number", "skills", "availability", "is_minor", "guardian_name", "guardian_consent",
          "consent")


def _throttled(request, what="signup", limit=SIGNUPS_PER_HOUR) -> bool:
    key = f"community:{what}:{request.META.get('REMOTE_ADDR', '')}"
    count = cache.get(key, 0)
    if count >= limit:
        return True
    cache.set(key, count + 1, 3600)
    return False


def _township(code):
    region = Region.objects.filter(code=str(code or ""), level=RegionLevel.TOWNSHIP).first()
    if region is None:
        raise DomainError("township_required", _("请选择所在乡镇（街道）"), field="township")
    return region


def sign_up(data: dict):
    """Save a sign-up (pending review); raises ValidationError / DomainError naming the field."""
    if not data.get("consent"):  # checked first: nothing else matters without it
        raise DomainError("consent_required", _("须同意志愿服务协议及个人信息使用后方可注册"), field="consent")
    record = {name: data.get(name) for name in FIELDS if data.get(name) is not None}
    record = {k: (v.strip() if isinstance(v, str) else v) for k, v in record.items()}
    record["region"] = _township(data.get("township"))
    return save_record(VOLUNTEERS, actor=None, data=record)


def _page(request, form, status=200):
    return render(request, "community/signup.html", {"form": form}, status=status)


def signup_page(request):
    form = SignUpForm(posted(request))
    if request.method != "POST":
        return _page(request, form)
    if request.POST.get("website"):
        return render(request, "community/signup_thanks.html", {"volunteer": None})
    if not form.is_valid():
        return _page(request, form, 400)
    if _throttled(request):
        form.add_error(None, _("提交过于频繁，请稍后再试"))
        return _page(request, form, 429)
    try:
        volunteer = sign_up(form.cleaned_data)
    except (ValidationError, DomainError) as exc:
        form.show_errors(exc)
        return _page(request, form, 400)
    return render(request, "community/signup_thanks.html", {"volunteer": volunteer})


class SignUpView(APIView):
    """POST a volunteer's sign-up (no login); 201 with the registration number, pending the bureau's review."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=SignUpSerializer, responses={201: SignedUpSerializer, **ERRORS})
    def post(self, request):
        data = body_of(request, SignUpSerializer)
        if _throttled(request):
            raise DomainError("too_many_requests", _("提交过于频繁，请稍后再试"))
        volunteer = sign_up(data)
        return Response({"code": volunteer.code, "review_state": volunteer.review_state}, status=201)
