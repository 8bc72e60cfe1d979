"""What the census app contributes to the platform (core.extensions), registered from apps.py: its pages in the
menu, the hazard-point and danger-zone map layers, the transfer and relief panel on the incident page, Table 2's
8-hour relief indicator (2.8), the historical disasters' past years for 2.1/2.2's 年均 and its demo data."""

from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext

PANEL_TRANSFERS = 5  # transfers summarised on the incident page


def _incident_panel(user, incident) -> dict | None:
    from .clock import relief_clock
    from .evacuation import progress, transfers_for

    if not user.has_perm("census.view_transfer"):
        return None
    transfers = []
    for transfer in transfers_for(user).filter(incident=incident)[:PANEL_TRANSFERS]:
        figures = progress(transfer, user, inside_limit=0)
        transfers.append({"transfer": transfer, "total": figures["total"], "inside": figures["inside_count"]})
    relief = relief_clock(incident, user)["total"]
    return {"transfers": transfers, "relief": relief if relief.people else None,
            "can_start": user.has_perm("census.add_transfer")}


def relief_indicator(user) -> dict:
    """The share within 8 hours for the latest incident with registered people (the clock is per incident)."""
    from django.urls import reverse

    from yingji.core.scoping import scope_to_user
    from yingji.incidents.models import Incident

    from .clock import relief_clock
    from .models import AffectedPerson

    ids = AffectedPerson.objects.values_list("incident_id", flat=True).distinct()
    incident = scope_to_user(Incident.objects.filter(pk__in=ids), user).order_by("-occurred_at").first()
    if incident is None:
        return {"value": 0, "unit": "%", "meets": False, "url": ""}
    total = relief_clock(incident, user)["total"]
    return {"value": total.percent, "unit": "%", "meets": total.meets,
            "url": reverse("census:relief", kwargs={"uuid": incident.uuid})}


def _import_jobs(now) -> int:
    from .jobs import run_pending

    return run_pending(now)


def _disaster_years(user) -> dict:
    from .history import disaster_years

    return disaster_years(user)


def _transfer_links(user, transfer) -> list[tuple[str, str, str]]:
    """On a transfer's registry page: its progress page and, while it runs, the marking page."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    links = [(_("转移进度"), reverse("census:transfer", kwargs={"uuid": transfer.uuid}), "census-transfer-page")]
    if transfer.state == "active" and user.has_perm("census.add_transfermark"):
        links.append((_("逐户标记"), reverse("census:mark", kwargs={"uuid": transfer.uuid}), "census-mark-page"))
    return links


def _reference_panel(field: str, key: str, title):
    """The linked station or enterprise on a census record's page: a link when the code names a record the viewer
    may see, else 未找到 beside the code; no panel when the field is empty."""

    def context(user, record):
        from .references import linked

        code = getattr(record, field, "")
        if not code:
            return None
        return {"reference": {**linked(user, key, code), "field": field, "title": title}}

    return context


def _shelter_stock(user, record):
    """The shelter's relief stock (调入, 发放, 结存 per material) on its page, when it has a store."""
    if not user.has_perm("census.view_allocation"):
        return None
    from .relief_stock import balances

    rows = balances(user, [record])
    return {"stock": rows} if rows else None


def register() -> None:
    from .layers import register_layers

    register_layers()
    menu = _lazy("风险普查与避险转移")
    ext.NAVIGATION.add(ext.NavItem(menu, _lazy("综合风险评估与区划"), "census:zoning", "census.view_riskassessment",
                                   order=140))
    for order, (kind, title, perm) in enumerate((
            ("exposed-assets", _lazy("承灾体空间数据导入"), "census.add_exposedasset"),
            ("danger-zones", _lazy("危险区空间数据导入"), "census.add_dangerzone"),
            ("hazard-points", _lazy("隐患点空间数据导入"), "census.add_hazardpoint"))):
        ext.NAVIGATION.add(ext.NavItem(menu, title, "census:import", perm, kwargs=(("kind", kind),),
                                       order=150 + order))
    ext.RECORD_PANELS.add(ext.RecordPanel("census.transfer-pages", "census.transfer", "",
                                          lambda user, record: None, links=_transfer_links))
    ext.RECORD_PANELS.add(ext.RecordPanel("census.household-rules", "census.household", "census/_evacuation_rules.html",
                                          lambda user, record: {"household": record}))
    ext.RECORD_PANELS.add(ext.RecordPanel("census.station-link", "census.hazardpoint", "census/_reference_panel.html",
                                          _reference_panel("station_ref", "monitoring.station", _lazy("关联监测站点"))))
    enterprise = _reference_panel("enterprise_code", "prevention.enterprise", _lazy("关联企业"))
    ext.RECORD_PANELS.add(ext.RecordPanel("census.enterprise-link", "census.exposedasset",
                                          "census/_reference_panel.html", enterprise))
    ext.RECORD_PANELS.add(ext.RecordPanel("census.shelter-stock", "resources.shelter", "census/_shelter_stock.html",
                                          _shelter_stock))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("census.transfers", "census/_incident_panel.html", _incident_panel,
                                              order=55))
    ext.INDICATORS.add(ext.Indicator(
        "2.8", _lazy("受灾群众基本生活得到有效救助"), _lazy("8小时之内"), "%", _lazy("约束性"),
        _lazy("最近一次有登记的事件中，自事件发生起8小时内首次得到物资发放的登记群众 ÷ 登记群众总数"),
        relief_indicator))
    ext.WORKER_STEPS.add(ext.WorkerStep("census.import_jobs", _import_jobs, order=130))
    ext.DISASTER_YEARS.add(ext.DisasterYears("census.historical-disasters", _disaster_years))
    ext.DEMO_LOADERS.add(ext.DemoLoader("census", "yingji.census.demo.load", order=85))
