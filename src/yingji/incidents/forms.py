"""Page forms. They only parse input; the services decide and their errors are shown on the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError, validation_error_fields
from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user
from yingji.core.validators import validate_date_range
from yingji.standards import all_types

from .choices import GRADE_CHOICES, POSTABLE_KINDS
from .models import FIGURE_FIELDS

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def posted(request):
    """A form's data: an empty post is still a post, so its form is bound and shows what is missing."""
    return request.POST if request.method == "POST" else None


def type_choices():
    return [("", "—— 请选择 ——")] + [(t.code, "　" * (t.level - 1) + t.name) for t in all_types()]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


def _when(label, required=True):
    return forms.DateTimeField(label=label, required=required, input_formats=DATETIME_FORMATS, widget=DateTimeLocal(),
                               validators=[validate_date_range])


class StyledForm(forms.Form):
    """Fields are drawn by the shared renderer (core/templatetags/yingji_forms.py). A service error names the
    service's field; `error_fields` maps it to the field people see (the map point's error goes to the picker)."""

    error_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", css)

    def show_errors(self, exc) -> None:
        """Put a service error (ValidationError or DomainError) on the matching fields."""
        if isinstance(exc, ValidationError):
            fields = validation_error_fields(exc)[2]
        else:
            fields = exc.fields or {None: [exc.message]}
        for name, messages in fields.items():
            name = self.error_fields.get(name, name)
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)
        if isinstance(exc, DomainError) and not exc.fields:
            self.add_error(None, exc.message)


class VillageSelect(forms.Select):
    """Each village names its township (data-township), so the picker offers only the chosen township's villages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.townships: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.townships:
            option["attrs"]["data-township"] = self.townships[value]
        return option


class PlaceFields(forms.Form):
    """Where: township → village selects (the user's reach), and the map point. `place()` gives the service its
    `region` (the village, else the township, else None) and `lon`/`lat`."""

    township = forms.ChoiceField(label=_("乡镇（街道）"), required=False)
    village = forms.ChoiceField(label=_("村（社区）"), required=False, widget=VillageSelect)
    lon = forms.FloatField(label=_("经度"), required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(label=_("纬度"), required=False, widget=forms.HiddenInput)
    error_fields = {"lon": "township", "lat": "township", "region": "township"}

    def add_place_choices(self, user):
        from .locate import township_of

        regions = scope_to_user(Region.objects.filter(level__lte=RegionLevel.VILLAGE).defer("geometry"), user)
        townships = [r for r in regions if r.level == RegionLevel.TOWNSHIP]
        own = township_of(getattr(user, "region", None))
        if own is not None and own not in townships:
            townships.append(own)  # a village-level user still sees where the village lies
        district_choice = [(r.code, _("全区（跨乡镇）")) for r in regions if r.level == RegionLevel.DISTRICT]
        self.fields["township"].choices = [("", _("—— 请选择 ——")), *district_choice,
                                           *[(r.code, r.name) for r in sorted(townships, key=lambda r: r.code)]]
        villages = sorted((r for r in regions if r.level == RegionLevel.VILLAGE), key=lambda r: r.code)
        parents = {r.pk: r.code for r in townships}
        self.fields["village"].choices = [("", _("—— 不限（整个乡镇）——")), *[(r.code, r.name) for r in villages]]
        self.fields["village"].widget.townships = {r.code: parents.get(r.parent_id, "") for r in villages}

    def clean(self):
        data = super().clean()
        township, village = data.get("township"), data.get("village")
        if village and self.fields["village"].widget.townships.get(village) != township:
            self.add_error("village", _("所选村（社区）不属于所选乡镇（街道）"))
        return data

    def place(self) -> dict:
        data = self.cleaned_data
        code = data.get("village") or data.get("township")
        region = Region.objects.defer("geometry").filter(code=code).first() if code else None
        return {"region": region, "lon": data.get("lon"), "lat": data.get("lat")}

    def place_is_missing(self) -> bool:
        return not self.cleaned_data.get("township") and self.cleaned_data.get("lon") is None


class FiguresMixin(forms.Form):
    def add_figures(self):
        for name, label in FIGURE_FIELDS:
            self.fields[name] = forms.IntegerField(label=label, required=False,
                                                   widget=forms.NumberInput(attrs={"class": "form-control"}))
        self.fields["direct_loss_cny"] = forms.DecimalField(label=_("直接经济损失（元）"), required=False,
                                                            widget=forms.NumberInput(attrs={"class": "form-control"}))

    def figure_fields(self):
        return [self[name] for name, _label in FIGURE_FIELDS] + [self["direct_loss_cny"]]


class IntakeForm(FiguresMixin, PlaceFields, StyledForm):
    type_code = forms.ChoiceField(label=_("事件类型"), choices=type_choices)
    occurred_at = _when(_("发生时间"))
    received_at = _when(_("接报时间"), required=False)
    caller_name = forms.CharField(label=_("来电人"), max_length=64, required=False)
    caller_phone = forms.CharField(label=_("来电号码"), max_length=32, required=False)
    statement = forms.CharField(label=_("来电内容（原话）"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    name = forms.CharField(label=_("事件名称"), max_length=200, required=False, help_text=_("留空则自动生成"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_figures()
        self.add_place_choices(user)

    def clean(self):
        data = super().clean()
        if "township" not in self.errors and self.place_is_missing():
            self.add_error("township", _("请选择乡镇（街道），或在地图上选点"))
        return data

    def service_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "") and k not in ("township", "village")}
        return {**data, **{k: v for k, v in self.place().items() if v is not None}}


class IncidentEditForm(FiguresMixin, PlaceFields, StyledForm):
    name = forms.CharField(label=_("事件名称"), max_length=200)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    description = forms.CharField(label=_("事件描述"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_figures()
        self.add_place_choices(user)

    @staticmethod
    def initial_for(incident) -> dict:
        from .locate import place_codes

        initial = {name: getattr(incident, name) for name in ("name", "address", "description", "direct_loss_cny")}
        initial.update({name: getattr(incident, name) for name, _label in FIGURE_FIELDS})
        codes = place_codes(incident.region)
        initial.update(version=incident.version, township=codes["township"], village=codes["village"],
                       lon=incident.lon, lat=incident.lat)
        return initial

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items()
                if k not in ("version", "township", "village", "lon", "lat") and v is not None}
        if not {"township", "village", "lon", "lat"} & set(self.changed_data):
            return data  # the place was left as it is
        place = self.place()
        if place["region"] is None and place["lon"] is None:
            return data
        return {**data, **place}


class TimelineForm(StyledForm):
    kind = forms.ChoiceField(label=_("类别"), choices=[(k.value, k.label) for k in POSTABLE_KINDS])
    body = forms.CharField(label=_("内容"), required=False, max_length=8000, widget=forms.Textarea(
        attrs={"rows": 2, "id": "timeline-body", "placeholder": _("消息、会商纪要……")}))
    attachment = forms.FileField(label=_("附件"), required=False)
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput(attrs={"id": "timeline-corrects"}))


class GradeForm(StyledForm):
    grade = forms.ChoiceField(label=_("研判等级"), choices=[("", _("恢复初判")), *GRADE_CHOICES], required=False)
    reason = forms.CharField(label=_("研判理由"), max_length=2000,
                             widget=forms.TextInput(attrs={"placeholder": _("如：被困群众较多，按较大事件处置")}))
    version = forms.IntegerField(widget=forms.HiddenInput)


# What a member of the public can tell apart, mapped to the standards tree.
PUBLIC_KINDS = [
    ("2.1.4", _("火灾")), ("2.2.1", _("交通事故")), ("1.4.2", _("山体滑坡、崩塌")), ("1.1.1", _("洪水、内涝")),
    ("1.7.1", _("森林火灾")), ("2.3.1", _("燃气泄漏")), ("2", _("其他事故")), ("1", _("其他自然灾害")),
]


class PublicReportForm(StyledForm):
    kind = forms.ChoiceField(label=_("事件类别"), choices=PUBLIC_KINDS)
    statement = forms.CharField(label=_("发生了什么"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    address = forms.CharField(label=_("地点（地址）"), max_length=200, required=False)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    phone = forms.RegexField(label=_("联系电话"), regex=r"^[0-9+\- ]{7,20}$", max_length=20,
                             error_messages={"invalid": _("请填写有效的电话号码")})
    photo = forms.FileField(label=_("现场照片（可选）"), required=False)
    website = forms.CharField(required=False, label="website")  # honeypot: people never see or fill it


def report_region_choices(user):
    from .reporting import home_township

    own = home_township(user)
    if own is not None:
        return [(own.code, own.name)]
    regions = Region.objects.filter(level__lte=RegionLevel.TOWNSHIP).order_by("level", "code")
    return [(r.code, r.name + ("（全区汇总）" if r.level == RegionLevel.DISTRICT else "")) for r in regions]


class ReportForm(StyledForm):
    """Figures and texts follow the incident type (reportfields); field names are figure_<key>/text_<key>."""

    region = forms.ChoiceField(label=_("填报区域"))
    title = forms.CharField(label=_("标题"), max_length=200, required=False, help_text=_("留空则自动生成"))
    as_of = _when(_("统计截至"), required=False)
    explanation = forms.CharField(label=_("数据变化说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                  help_text=_("累计数据减少或大幅增加时必须填写"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, incident, user, report=None, **kwargs):
        from .reportfields import figures_for, texts_for

        super().__init__(*args, **kwargs)
        self.figure_specs, self.text_specs = figures_for(incident.type_code), texts_for(incident.type_code)
        self.fields["region"].choices = report_region_choices(user)
        if report is not None:
            del self.fields["region"]
        for figure in self.figure_specs:
            self.fields[f"figure_{figure.key}"] = forms.CharField(
                label=gettext("%(l)s（%(u)s）") % {"l": gettext(figure.label), "u": gettext(figure.unit)},
                required=False, widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}))
        for key, label in self.text_specs:
            self.fields[f"text_{key}"] = forms.CharField(
                label=gettext(label), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    @classmethod
    def initial_for_new(cls, incident, user) -> dict:
        """A new report starts from the figures already known (the incident's, or the region's last report)."""
        from .reporting import starting_figures

        choices = report_region_choices(user)
        region = Region.objects.defer("geometry").filter(code=choices[0][0]).first() if choices else None
        figures = starting_figures(incident, region) if region is not None else {}
        return {"region": region.code if region else "",
                **{f"figure_{k}": _plain_number(v) for k, v in figures.items() if v not in (None, "")}}

    @classmethod
    def initial_from(cls, report):
        initial = {"title": report.title, "as_of": report.as_of, "explanation": report.explanation,
                   "version": report.version}
        initial.update({f"figure_{k}": v for k, v in report.figures.items()})
        initial.update({f"text_{k}": v for k, v in report.texts.items()})
        return initial

    def service_data(self):
        data = self.cleaned_data
        result = {
            "figures": {f.key: data[f"figure_{f.key}"] for f in self.figure_specs if data.get(f"figure_{f.key}")},
            "texts": {key: data[f"text_{key}"] for key, _label in self.text_specs},
            "explanation": data.get("explanation", ""),
        }
        for name in ("title", "as_of"):
            if data.get(name):
                result[name] = data[name]
        return result


def _plain_number(value):
    """12 rather than 12.0 in a figure's box."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
