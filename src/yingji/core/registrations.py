"""The core registries. Other apps declare theirs in their own registrations module."""

from django.utils.translation import gettext_lazy as _

from .models import Committee, Organization, Person
from .registry import register

CENTRE = (105.5927, 30.5139)  # a point in 船山区's urban centre, for examples and templates


# Helpers for the `example(region)` functions of registries (valid form data for a record in `region`).
def first_code(model, region, **filters) -> str:
    """The code of the first record of `model` in the region's subtree (relations are given by code)."""
    record = model.objects.filter(region__path__startswith=region.path, **filters).order_by("code").first()
    return record.code if record else ""


def located_example(region, code, name, **fields) -> dict:
    """An example record placed at the district's centre in `region`."""
    return {"code": code, "name": name, "region": region.code, "lon": CENTRE[0], "lat": CENTRE[1],
            "description": "", **fields}


def _organization_example(region):
    return {
        "code": "ORG-EXAMPLE",
        "name": "示例机构",
        "kind": "department",
        "region": region.code,
        "short_name": "示例",
        "phone": "0825-2222222",
        "address": "船山区示例路1号",
        "lon": CENTRE[0],
        "lat": CENTRE[1],
        "description": "",
    }


def _person_example(region):
    organization = Organization.objects.filter(region__path__startswith=region.path).first()
    return {
        "code": "P-EXAMPLE",
        "name": "张三",
        "region": region.code,
        "organization": organization.code if organization else "",
        "title": "科员",
        "mobile": "13800000000",
        "office_phone": "0825-2222222",
        "staffing": "full_time",
        "establishment": "established",
        "qualification": "注册安全工程师",
        "description": "",
    }


def _committee_example(region):
    organization = Organization.objects.filter(region__path__startswith=region.path).first()
    return {
        "code": "CMT-EXAMPLE",
        "name": "示例专项指挥部",
        "kind": "headquarters",
        "region": region.code,
        "lead_organization": organization.code if organization else "",
        "description": "",
    }


ORGANIZATIONS = register(
    Organization,
    plural="organizations",
    menu_group=_("机构与人员"),
    list_fields=("code", "name", "kind", "region", "phone"),
    form_fields=(
        "code",
        "name",
        "kind",
        "short_name",
        "parent",
        "region",
        "phone",
        "address",
        "lon",
        "lat",
        "description",
    ),
    filter_fields=("kind", "status"),
    search_fields=("name", "code", "short_name"),
    example=_organization_example,
    map_layer={"title": _("机构"), "group": _("机构与人员"), "color": "#6f42c1"},
)

PEOPLE = register(
    Person,
    plural="people",
    menu_group=_("机构与人员"),
    list_fields=("name", "organization", "title", "staffing", "mobile", "office_phone"),
    form_fields=("code", "name", "organization", "title", "region", "mobile", "office_phone", "staffing",
                 "establishment", "qualification", "description"),
    filter_fields=("organization", "staffing", "establishment", "status"),
    search_fields=("name", "code", "title"),
    masked_fields={"mobile": "core.view_contact_phone"},
    example=_person_example,
)

COMMITTEES = register(
    Committee,
    plural="committees",
    menu_group=_("机构与人员"),
    list_fields=("code", "name", "kind", "lead_organization"),
    form_fields=("code", "name", "kind", "lead_organization", "region", "description"),
    filter_fields=("kind",),
    example=_committee_example,
)
