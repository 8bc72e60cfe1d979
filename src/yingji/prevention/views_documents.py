"""Downloads of the prevention documents (prevention.documents), linked from the enterprise and hazard pages; a
record outside the user's reach (township, or the bound enterprise) is a 404."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.core.documents import DOCX_TYPE
from yingji.core.scoping import scope_to_user
from yingji.incidents.api import file_response
from yingji.incidents.exports import XLSX_TYPE

from . import documents
from .choices import HazardGrade, HazardState, Supervision
from .models import Enterprise, Hazard

VIEW_RISKS = ("prevention.view_enterprise", "prevention.view_riskpoint")


def _record(model, user, uuid):
    record = scope_to_user(model.objects.all(), user).filter(uuid=uuid).first()
    if record is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return record


def has_notice(hazard) -> bool:
    return hazard.grade == HazardGrade.MAJOR and hazard.supervision != Supervision.NONE


@login_required
@permission_required("prevention.view_hazard", raise_exception=True)
def supervision_notice(request, uuid):
    hazard = _record(Hazard, request.user, uuid)
    if not has_notice(hazard):
        raise Http404(_("该隐患未挂牌督办"))
    return file_response(documents.supervision_notice(hazard), DOCX_TYPE, f"{hazard.code}-挂牌督办通知书.docx")


def has_closing_notice(hazard) -> bool:
    return has_notice(hazard) and hazard.state == HazardState.CLOSED and hazard.closed_on is not None


@login_required
@permission_required("prevention.view_hazard", raise_exception=True)
def closing_notice(request, uuid):
    hazard = _record(Hazard, request.user, uuid)
    if not has_closing_notice(hazard):
        raise Http404(_("该隐患未挂牌督办或尚未销号"))
    return file_response(documents.closing_notice(hazard), DOCX_TYPE, f"{hazard.code}-销号通知书.docx")


def _enterprise_file(request, uuid, build, content_type, title):
    enterprise = _record(Enterprise, request.user, uuid)
    return file_response(build(enterprise, request.user), content_type, f"{enterprise.name}-{title}")


@login_required
@permission_required(VIEW_RISKS, raise_exception=True)
def risk_report(request, uuid):
    return _enterprise_file(request, uuid, documents.risk_report, DOCX_TYPE, "安全风险评估报告.docx")


@login_required
@permission_required(VIEW_RISKS, raise_exception=True)
def assessment_table(request, uuid):
    return _enterprise_file(request, uuid, documents.assessment_table, XLSX_TYPE, "风险评估表.xlsx")


@login_required
@permission_required(VIEW_RISKS, raise_exception=True)
def risk_list(request, uuid):
    return _enterprise_file(request, uuid, documents.risk_list, XLSX_TYPE, "风险清单.xlsx")


def enterprise_links(user, enterprise) -> list[tuple[str, str, str]]:
    """Header buttons of an enterprise's page: the 一报告 (DOCX), 一表 and 清单 (xlsx)."""
    if not user.has_perms(VIEW_RISKS):
        return []
    kwargs = {"uuid": enterprise.uuid}
    return [(_("安全风险评估报告"), reverse("prevention:risk-report", kwargs=kwargs), "download-risk-report"),
            (_("风险评估表"), reverse("prevention:assessment-table", kwargs=kwargs), "download-assessment-table"),
            (_("风险清单"), reverse("prevention:risk-list", kwargs=kwargs), "download-risk-list")]


def hazard_links(user, hazard) -> list[tuple[str, str, str]]:
    """The 挂牌督办通知书 button of a supervised 重大 hazard's page, and its 销号通知书 once it is closed."""
    if not has_notice(hazard) or not user.has_perm("prevention.view_hazard"):
        return []
    links = [(_("挂牌督办通知书"), reverse("prevention:supervision-notice", kwargs={"uuid": hazard.uuid}),
              "download-supervision-notice")]
    if has_closing_notice(hazard):
        links.append((_("销号通知书"), reverse("prevention:closing-notice", kwargs={"uuid": hazard.uuid}),
                      "download-closing-notice"))
    return links
