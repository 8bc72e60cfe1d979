"""One entry point for a stock movement given as plain form or JSON data (codes and text), used by the
API, the pages and the Excel import alike: it parses, looks up the codes and calls the service."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError
from yingji.core.scoping import ensure_in_scope
from yingji.core.validators import bounded_decimal, check_date

from . import services
from .models import Depot, Material

KINDS = {
    "receive": gettext_lazy("入库"), "issue": gettext_lazy("出库"), "transfer": gettext_lazy("调拨"),
    "adjust": gettext_lazy("盘点调整"), "scrap": gettext_lazy("报废"), "reserve": gettext_lazy("预占"),
    "release": gettext_lazy("释放"),
}


def parse_quantity(raw, field="quantity") -> Decimal:
    return bounded_decimal(raw, field=field)


def parse_date(raw, field) -> date | None:
    if raw in (None, ""):
        return None
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        raise DomainError("invalid_date", _("日期“%(v)s”格式应为 YYYY-MM-DD") % {"v": raw}, field=field) from None
    check_date(day, field=field)
    return day


def lookup_depot(code, field="depot", user=None) -> Depot:
    """The depot of `code`, which `user` must be able to pick (core.scoping): no movement into or out of
    another township's depot, nor a preview that names one."""
    depot = Depot.objects.select_related("region").filter(code=str(code or "").strip()).first()
    if depot is None:
        raise DomainError("unknown_depot", _("库点编码“%(c)s”不存在") % {"c": code or ""}, field=field)
    ensure_in_scope(user, depot, field=field)
    return depot


def lookup_material(code, user=None) -> Material:
    material = Material.objects.filter(code=str(code or "").strip()).first()
    if material is None:
        raise DomainError("unknown_material", _("物资编码“%(c)s”不在物资目录中") % {"c": code or ""}, field="material")
    ensure_in_scope(user, material, field="material")
    return material


def check(data: dict, user=None) -> dict:
    """Everything a movement needs, parsed and looked up; raises DomainError on the first bad value. With
    `user`, the depots and the material must be ones they may pick."""
    kind = str(data.get("kind") or "")
    if kind not in KINDS:
        raise DomainError("unknown_kind", _("变动类型应为：%(k)s") % {"k": "、".join(KINDS)}, field="kind")
    args = {"depot": lookup_depot(data.get("depot"), user=user),
            "material": lookup_material(data.get("material"), user)}
    quantity = parse_quantity(data.get("quantity"))
    args["counted" if kind == "adjust" else "quantity"] = quantity
    text = {name: str(data.get(name) or "").strip()[:300] for name in ("reason", "reference", "batch_no")}
    if kind == "transfer":
        args["to_depot"] = lookup_depot(data.get("to_depot"), field="to_depot", user=user)
    if kind in ("adjust", "scrap") and not text["batch_no"]:
        raise DomainError("batch_required", _("盘点和报废须指定批次号"), field="batch_no")
    if kind in ("receive", "adjust", "scrap"):
        args["batch_no"] = text["batch_no"][:64]
    if kind == "receive":
        args["expiry_date"] = parse_date(data.get("expiry_date"), "expiry_date")
    if kind != "adjust" and kind != "scrap":
        args["reference"] = text["reference"][:100]
    if kind == "issue" and str(data.get("from_reserved") or "").lower() in ("1", "true", "on", "yes"):
        args["from_reserved"] = True
    return {"kind": kind, "reason": text["reason"], **args}


def run(actor, args: dict) -> services.Movement:
    """Do a movement already parsed by `check`."""
    args = dict(args)
    return getattr(services, args.pop("kind"))(actor=actor, **args)


def perform(actor, data: dict) -> services.Movement:
    return run(actor, check(data, actor))


def describe(args: dict) -> str:
    """A one-line Chinese summary for the confirmation step."""
    material = args["material"]
    amount = args.get("quantity", args.get("counted"))
    text = f"{KINDS[args['kind']]}：{args['depot'].name} · {material.name} {amount.normalize():f} {material.unit}"
    if args.get("to_depot"):
        text += f" → {args['to_depot'].name}"
    if args.get("batch_no"):
        text += f"（批次 {args['batch_no']}）"
    return text
