"""The grid worker's pages: 我的巡查任务 and the mobile patrol page of one task (phone width, works offline through
web/static/web/offline-forms.js: the form carries a submission key, so a report queued offline and sent twice
records one visit and files one hazard)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core import submissions
from yingji.core.errors import DomainError, validation_error_fields
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user

from . import patrols
from .choices import HazardGrade
from .models.patrols import PatrolResult, PatrolTask, PatrolVisit


class VisitForm(forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("巡查结果"), choices=PatrolResult.choices,
                               initial=PatrolResult.NORMAL, widget=forms.RadioSelect)
    hazard_name = forms.CharField(label=gettext_lazy("隐患描述"), max_length=200, required=False)
    grade = forms.ChoiceField(label=gettext_lazy("隐患等级"), choices=HazardGrade.choices, initial=HazardGrade.GENERAL,
                              required=False)
    note = forms.CharField(label=gettext_lazy("巡查情况"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label=gettext_lazy("现场照片"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))
    lon = forms.FloatField(label=gettext_lazy("经度"), required=False, min_value=-180, max_value=180)
    lat = forms.FloatField(label=gettext_lazy("纬度"), required=False, min_value=-90, max_value=90)
    finish = forms.BooleanField(label=gettext_lazy("本次巡查后任务完成"), required=False)

    def show_errors(self, exc) -> None:
        fields = validation_error_fields(exc)[2] if isinstance(exc, ValidationError) else exc.fields
        for name, texts in (fields or {None: [exc.message]}).items():
            for text in texts:
                self.add_error(name if name in self.fields else None, text)


@login_required
@permission_required("prevention.view_patroltask", raise_exception=True)
def my_patrols(request):
    registry = registry_for(PatrolTask)
    return render(request, "prevention/patrol_list.html", {
        "tasks": patrols.my_tasks(request.user), "registry_url": registry.list_url,
        "can_list": request.user.has_perm("prevention.view_patroltask")})


@login_required
@permission_required("prevention.view_patroltask", raise_exception=True)
def patrol_page(request, uuid):
    task = get_object_or_404(scope_to_user(PatrolTask.objects.select_related("region"), request.user), uuid=uuid)
    posted = request.method == "POST"
    form = VisitForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        visit = _record(request, task, form)
        if visit is not None:
            messages.success(request, _visit_message(visit))
            return redirect("prevention:patrol", uuid=task.uuid)
    return render(request, "prevention/patrol_page.html", {
        "task": task, "form": form, "may_record": patrols.may_record(request.user, task),
        "visits": task.visits.select_related("hazard")[:20],
        "task_url": _detail_url(task)}, status=400 if posted else 200)


def _record(request, task, form):
    try:  # a repeat of an earlier post (an offline re-send) is answered with what the first one recorded
        return submissions.form_once(request, form, lambda: patrols.record_visit(
            actor=request.user, task=task, data=form.cleaned_data, photo=form.cleaned_data.get("photo")),
            model=PatrolVisit)
    except (ValidationError, DomainError) as exc:
        form.show_errors(exc)
        return None


def _visit_message(visit) -> str:
    if visit.hazard is None:
        return _("已记录巡查：%(r)s") % {"r": visit.get_result_display()}
    return _("已记录巡查并上报隐患 %(code)s：%(name)s") % {"code": visit.hazard.code, "name": visit.hazard.name}


def _detail_url(record) -> str:
    from django.urls import reverse

    return reverse(registry_for(type(record)).url_name("detail"), kwargs={"uuid": record.uuid})
