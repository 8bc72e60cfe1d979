"""The public knowledge survey (应急知识问卷, no login), as pages and as API endpoints: the open questionnaires, one
questionnaire, and a response (township, public or student, every question answered). A school class may answer
from one address, so the limit per address is generous; a bot filling the hidden field is thanked, nothing kept."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse

from . import api_serializers as s
from . import surveys
from .choices import RespondentKind
from .forms import township_choices
from .models import KnowledgeSurvey
from .public import _throttled

RESPONSES_PER_HOUR = 200  # per address: a classroom answers from one


def _survey(uuid) -> KnowledgeSurvey:
    survey = KnowledgeSurvey.objects.filter(uuid=uuid, status="active").first()
    if survey is None:
        raise Http404(_("问卷不存在或未发布"))
    return survey


def survey_list(request):
    return render(request, "community/surveys.html", {"surveys": surveys.open_surveys()})


def survey_page(request, uuid):
    survey = _survey(uuid)
    context = {"survey": survey, "paper": surveys.questionnaire(survey), "townships": township_choices()[1:],
               "kinds": RespondentKind.choices, "posted": request.POST}
    if request.method != "POST":
        return render(request, "community/survey.html", context)
    if request.POST.get("website"):
        return render(request, "community/survey_thanks.html", {"survey": survey, "response": None})
    answers = {q["code"]: "".join(request.POST.getlist(f"q_{q['code']}")) for q in context["paper"]["questions"]}
    try:
        if _throttled(request, "survey", RESPONSES_PER_HOUR):
            raise DomainError("too_many_requests", _("提交过于频繁，请稍后再试"))
        response = surveys.respond(survey, township=request.POST.get("township", ""),
                                   kind=request.POST.get("kind", ""), answers=answers)
    except (DomainError, ValidationError) as exc:
        refuse(request, exc, form="survey-form")
        context["paper"] = {**context["paper"], "questions": [
            {**q, "typed": answers[q["code"]]} for q in context["paper"]["questions"]]}
        return render(request, "community/survey.html", context,
                      status=429 if getattr(exc, "code", "") == "too_many_requests" else 400)
    return render(request, "community/survey_thanks.html", {"survey": survey, "response": response})


def _api_survey(uuid) -> KnowledgeSurvey:
    survey = KnowledgeSurvey.objects.filter(uuid=uuid, status="active").first()
    if survey is None:
        raise NotFound(_("问卷不存在或未发布"))
    return survey


class QuestionnaireView(APIView):
    """GET a published questionnaire (no login): its questions, never the answers."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: s.QuestionnaireSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(surveys.questionnaire(_api_survey(uuid)))


class ResponseView(APIView):
    """POST a response (no login): {"township", "kind": public | student, "answers": {question code: letters}}."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.SurveyAnswerSerializer, responses={201: s.SurveyResultSerializer, **ERRORS})
    def post(self, request, uuid):
        survey = _api_survey(uuid)
        data = body_of(request, s.SurveyAnswerSerializer)
        if _throttled(request, "survey", RESPONSES_PER_HOUR):
            raise DomainError("too_many_requests", _("提交过于频繁，请稍后再试"))
        response = surveys.respond(survey, township=data.get("township"), kind=str(data.get("kind") or ""),
                                   answers=data.get("answers") or {})
        return Response({"uuid": str(response.uuid), "score": response.score, "knows": response.knows,
                         "pass_mark": survey.pass_mark}, status=201)
