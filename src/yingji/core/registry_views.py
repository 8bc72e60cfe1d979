"""The pages every registry gets: list, detail, create, edit, delete, import, export, template."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import modelform_factory
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .errors import DomainError, validation_error_fields
from .extensions import panels_for, render_contributions
from .masking import masked_value
from .models.regions import Region
from .registry_filters import apply_filters
from .scoped_fields import scope_choices
from .scoping import scope_to_user
from .services import delete_record, save_record
from .xlsx import ImportFailed, export_workbook, import_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegistryView(LoginRequiredMixin, View):
    registry = None
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.registry.perm(self.action)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def queryset(self):
        # A region's boundary is large JSON that no registry page shows; loading it per row dominated the time.
        queryset = self.registry.model.objects.select_related("region").defer("region__geometry")
        return scope_to_user(queryset, self.request.user)

    def record(self, uuid):
        return get_object_or_404(self.queryset(), uuid=uuid)

    def context(self, **extra):
        user = self.request.user
        return {
            "registry": self.registry,
            "can_add": user.has_perm(self.registry.perm("add")),
            "can_change": user.has_perm(self.registry.perm("change")),
            "can_delete": user.has_perm(self.registry.perm("delete")),
            **extra,
        }


class ListView(RegistryView):
    def get(self, request):
        registry = self.registry
        fields = [registry.model_field(name) for name in registry.list_fields]
        related = [f.name for f in fields if f.many_to_one or f.one_to_one]
        queryset, filters = apply_filters(registry, self.queryset().select_related(*related), request.GET,
                                          request.user)
        page = Paginator(queryset.order_by("code"), 50).get_page(request.GET.get("page"))
        rows = [(record, [self.display(record, f) for f in fields]) for record in page]
        regions = scope_to_user(Region.objects.filter(level__lte=2).only("code", "name", "path"), request.user)
        return render(
            request,
            "core/registry/list.html",
            self.context(
                page=page,
                rows=rows,
                columns=[f.verbose_name for f in fields],
                filters=filters,
                regions=regions,
                total=page.paginator.count,
            ),
        )

    def display(self, record, field):
        if field.name in self.registry.list_cells:
            return self.registry.list_cells[field.name](record)
        if field.choices:
            return getattr(record, f"get_{field.name}_display")()
        value = getattr(record, field.name)
        return masked_value(self.registry, self.request.user, field.name, value) if value is not None else ""


class DetailView(RegistryView):
    def get(self, request, uuid):
        record = self.record(uuid)
        items = []
        for name in ("code", "name", *self.registry.form_fields):
            field = self.registry.model_field(name)
            if field.choices:
                value = getattr(record, f"get_{name}_display")()
            else:
                value = masked_value(self.registry, request.user, name, getattr(record, name))
            if (field.verbose_name, value) not in items:
                items.append((field.verbose_name, value if value not in (None, "") else "—"))
        return render(
            request,
            "core/registry/detail.html",
            self.context(record=record, items=items, related=self.related_tables(record), **self.panels(record)),
        )

    def panels(self, record) -> dict:
        """What other apps contribute to this record's page (core.extensions.RECORD_PANELS)."""
        user, entries = self.request.user, panels_for(self.registry.model)
        html = render_contributions(entries, self.request, record, lambda p: p.context(user, record), subject="record")
        return {"panels": html, "panel_links": [link for panel in entries for link in panel.links(user, record)]}

    def related_tables(self, record):
        tables = []
        for name, fields in self.registry.related:
            manager = getattr(record, name)
            model = manager.model
            columns = [model._meta.get_field(f).verbose_name for f in fields]
            children = scope_to_user(manager.all(), self.request.user)
            rows = [[_display(row, model._meta.get_field(f)) for f in fields] for row in children]
            tables.append({"title": model._meta.verbose_name_plural, "columns": columns, "rows": rows})
        return tables


def _display(record, field):
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    value = getattr(record, field.name)
    return "" if value is None else value


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _form_class(registry, user):
    form_class = modelform_factory(registry.model, fields=list(registry.form_fields))
    base_init = form_class.__init__

    def __init__(self, *args, **kwargs):
        base_init(self, *args, **kwargs)
        if "region" in self.fields:
            self.fields["region"].queryset = Region.objects.filter(level__lte=3)
        scope_choices(self, user)  # every select offers, and accepts, only what the user may pick
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and _has_field(field.queryset.model, "geometry"):
                field.queryset = field.queryset.defer("geometry")  # boundaries are large and never shown in choices
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)

    form_class.__init__ = __init__
    return form_class


class FormView(RegistryView):
    action = "add"

    def get(self, request, uuid=None):
        instance = self.record(uuid) if uuid else None
        form = _form_class(self.registry, request.user)(instance=instance)
        return render(request, "core/registry/form.html", self.context(form=form, record=instance))

    def post(self, request, uuid=None):
        instance = self.record(uuid) if uuid else None
        form = _form_class(self.registry, request.user)(request.POST, instance=instance)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in self.registry.form_fields if name in form.cleaned_data}
            try:
                version = request.POST.get("version", "")
                record = save_record(
                    self.registry,
                    actor=request.user,
                    data=data,
                    instance=self.record(uuid) if uuid else None,
                    expected_version=int(version) if version.isdigit() else None,
                )
            except ValidationError as exc:
                _code, _message, fields = validation_error_fields(exc)
                for name, field_messages in fields.items():
                    for message in field_messages:
                        form.add_error(name if name in form.fields else None, message)
            except DomainError as exc:
                form.add_error(next((f for f in exc.fields if f in form.fields), None), exc.message)
            else:
                messages.success(request, _("已保存：%(name)s") % {"name": record})
                return redirect(self.registry.url_name("detail"), uuid=record.uuid)
        return render(request, "core/registry/form.html", self.context(form=form, record=instance), status=400)


class EditView(FormView):
    action = "change"


class DeleteView(RegistryView):
    action = "delete"

    def get(self, request, uuid):
        return render(request, "core/registry/confirm_delete.html", self.context(record=self.record(uuid)))

    def post(self, request, uuid):
        record = self.record(uuid)
        try:
            delete_record(self.registry, actor=request.user, instance=record)
        except DomainError as exc:  # kept: the reason under the button, the confirmation page again
            return render(request, "core/registry/confirm_delete.html", self.context(record=record, error=exc),
                          status=exc.status)
        messages.success(request, _("已删除：%(name)s") % {"name": record})
        return redirect(self.registry.url_name("list"))


class ExportView(RegistryView):
    def get(self, request):
        queryset, _filters = apply_filters(self.registry, self.queryset(), request.GET, request.user)
        content = export_workbook(self.registry, queryset, request.user)
        return _xlsx_response(content, f"{self.registry.verbose_name_plural}-{timezone.localdate():%Y%m%d}.xlsx")


class TemplateView(RegistryView):
    def get(self, request):
        region = request.user.region or Region.objects.order_by("level").first()
        content = template_workbook(self.registry, region)
        return _xlsx_response(content, f"{self.registry.verbose_name_plural}-导入模板.xlsx")


class ImportView(RegistryView):
    action = "add"

    def get(self, request):
        return render(request, "core/registry/import.html", self.context())

    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return render(
                request, "core/registry/import.html", self.context(error=_("请选择要导入的 Excel 文件")), status=400
            )
        try:
            result = import_workbook(self.registry, upload, request.user)
        except ImportFailed as exc:
            return render(
                request, "core/registry/import.html", self.context(error=exc.message, row_errors=exc.errors), status=400
            )
        except DomainError as exc:
            return render(request, "core/registry/import.html", self.context(error=exc.message), status=400)
        messages.success(
            request, _("导入成功：新增 %(c)d 条，更新 %(u)d 条") % {"c": result["created"], "u": result["updated"]}
        )
        return redirect(self.registry.url_name("list"))


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def registry_urlpatterns(registries):
    views = {
        "list": ("", ListView),
        "add": ("new/", FormView),
        "import": ("import/", ImportView),
        "export": ("export.xlsx", ExportView),
        "template": ("template.xlsx", TemplateView),
        "detail": ("<uuid:uuid>/", DetailView),
        "edit": ("<uuid:uuid>/edit/", EditView),
        "delete": ("<uuid:uuid>/delete/", DeleteView),
    }
    patterns = []
    for registry in registries:
        for view_name, (suffix, view_class) in views.items():
            route = f"{registry.app_label}/{registry.plural}/{suffix}"
            patterns.append(path(route, view_class.as_view(registry=registry), name=f"{registry.key}-{view_name}"))
    return patterns
