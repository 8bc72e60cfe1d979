"""Forms of the duty desk pages: they parse and type the input; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingji.core.models import Organization, Person, Region
from yingji.core.validators import validate_date_range, validate_not_future
from yingji.standards import all_types

from .choices import LogKind
from .models import DutyPost

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M")


def _style(form):
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(validate_date_range)
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class RosterForm(StyledForm):
    month = forms.CharField(label=_("月份"), widget=forms.TextInput(attrs={"type": "month"}))
    people = forms.ModelMultipleChoiceField(label=_("轮班人员（按轮换顺序）"), queryset=Person.objects.none(),
                                            widget=forms.SelectMultiple(attrs={"size": 8}))
    min_rest_hours = forms.IntegerField(label=_("最少休息（小时）"), min_value=0, max_value=96, initial=24)
    allow_empty = forms.BooleanField(label=_("允许空岗"), required=False)

    def __init__(self, *args, post: DutyPost, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = _people_of(post)


class SwapForm(StyledForm):
    to_person = forms.ModelChoiceField(label=_("替班人员"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("调班事由"), max_length=200)
    on_behalf = forms.BooleanField(label=_("由我（岗位负责人）直接调整"), required=False)

    def __init__(self, *args, shift, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = _people_of(shift.post)


def _people_of(post):
    return Person.objects.filter(organization=post.organization).order_by("code")


class ShiftForm(StyledForm):
    """A manual shift (加班、临时替岗) on the roster's post."""

    person = forms.ModelChoiceField(label=_("值班人员"), queryset=Person.objects.none(), required=False,
                                    empty_label=_("（空岗）"))
    start = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    end = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    label = forms.CharField(label=_("班次名称"), max_length=16, required=False, initial=_("加班"))
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, post: DutyPost, **kwargs):
        super().__init__(*args, prefix="shift", **kwargs)
        self.fields["person"].queryset = _people_of(post)


class LeaveForm(StyledForm):
    person = forms.ModelChoiceField(label=_("请假人员"), queryset=Person.objects.none())
    start = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    end = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)

    def __init__(self, *args, post: DutyPost | None = None, leave=None, **kwargs):
        """A new leave of one of the post's people, or (with `leave`) the correction of that leave: person fixed."""
        if leave is not None:
            kwargs["initial"] = {"person": leave.person_id, "start": leave.start, "end": leave.end,
                                 "reason": leave.reason}
        super().__init__(*args, prefix="leave", **kwargs)
        person = self.fields["person"]
        if leave is None:
            person.queryset = _people_of(post)
        else:
            person.queryset, person.disabled = Person.objects.filter(pk=leave.person_id), True


class StaffForm(StyledForm):
    """Put someone on an empty shift."""

    person = forms.ModelChoiceField(label=_("值班人员"), queryset=Person.objects.none())

    def __init__(self, *args, shift, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people_of(shift.post)


class CallForm(StyledForm):
    kind = forms.ChoiceField(label=_("类别"), choices=[(LogKind.CALL_IN, LogKind.CALL_IN.label),
                                                       (LogKind.CALL_OUT, LogKind.CALL_OUT.label)])
    counterpart = forms.CharField(label=_("来电人/对方"), max_length=100, required=False)
    phone = forms.CharField(label=_("电话"), max_length=32, required=False)
    summary = forms.CharField(label=_("通话内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    create_incident = forms.BooleanField(label=_("据此登记突发事件"), required=False)
    incident_name = forms.CharField(label=_("事件名称"), max_length=200, required=False)
    type_code = forms.ChoiceField(label=_("事件类型"), required=False)
    occurred_at = forms.DateTimeField(label=_("发生时间"), required=False, widget=DATETIME,
                                      validators=[validate_not_future])
    region = forms.ModelChoiceField(label=_("事发乡镇（街道）"), required=False,
                                    queryset=Region.objects.filter(level=2).defer("geometry"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [("", "—")] + [(t.code, t.full_name) for t in all_types() if t.level > 1]

    def new_incident(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("create_incident"):
            return None
        values = {"type_code": data.get("type_code"), "occurred_at": data.get("occurred_at"),
                  "name": data.get("incident_name") or ""}
        if data.get("region"):
            values["region"] = data["region"]
        return values


class InstructionForm(StyledForm):
    issuer = forms.CharField(label=_("指示人"), max_length=100)
    text = forms.CharField(label=_("指示内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    received_at = forms.DateTimeField(label=_("接收时间"), required=False, widget=DATETIME,
                                      validators=[validate_not_future])
    due_at = forms.DateTimeField(label=_("办理时限"), required=False, widget=DATETIME)
    assignee = forms.CharField(label=_("承办"), max_length=100, required=False)


class EventForm(StyledForm):
    summary = forms.CharField(label=_("事项"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_event_%s")  # the log page also has the call form's summary
        super().__init__(*args, **kwargs)


class RollCallForm(StyledForm):
    organizations = forms.ModelMultipleChoiceField(
        label=_("被点名单位"), widget=forms.SelectMultiple(attrs={"size": 10}),
        queryset=Organization.objects.filter(duty_posts__isnull=False).exclude(code="ORG-EMB").distinct()
        .order_by("kind", "code"))
    window_minutes = forms.IntegerField(label=_("应答时限（分钟）"), min_value=1, max_value=240, initial=10)
    message = forms.CharField(label=_("点名内容"), max_length=200, required=False, initial=_("值班点名，请立即应答"))
