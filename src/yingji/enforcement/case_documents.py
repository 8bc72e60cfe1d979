"""行政处罚告知书 and 行政处罚决定书 of a penalty case (core.documents' layout, numbered by enforcement.documents)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.documents import OfficialDocument, chinese_date

from . import rights
from .config import current
from .documents import ISSUER, RIGHTS


def _party(case) -> str:
    return case.party_name if case.party_type == "person" and case.party_name else case.target.enterprise.name


def _penalty(case) -> str:
    if case.penalty_kind == "fine":
        return _("罚款人民币%(a)s元") % {"a": f"{case.amount:,.2f}"}
    return case.get_penalty_kind_display()


def notice(case):
    """行政处罚告知书: the facts, the basis, the intended penalty, 陈述申辩 and (when due) 听证 rights."""
    config = current()

    def build(number):
        blocks = [_("经查，你（单位）%(f)s") % {"f": case.facts or case.name},
                  _("依据%(b)s的规定，本机关拟对你（单位）作出%(p)s的行政处罚。")
                  % {"b": case.legal_basis or "《中华人民共和国安全生产法》", "p": _penalty(case)},
                  _("根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩，"
                    "可在收到本告知书之日起%(n)d个工作日内向本机关提出。") % {"n": config.statement_days}]
        if case.hearing_right:
            blocks.append(_("根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证，"
                            "可在收到本告知书之日起%(n)d个工作日内向本机关提出。") % {"n": config.hearing_request_days})
        blocks.append(_("逾期不提出的，视为放弃上述权利。"))
        return OfficialDocument(title=_("行政处罚告知书"), issuer=ISSUER, date=case.notified_on or timezone.localdate(),
                                number=number, recipient=_party(case), blocks=blocks)
    return build


def decision(case):
    """行政处罚决定书: the facts, the basis, the penalty, where and when to pay, the remedies."""
    config = current()

    def build(number):
        blocks = [_("当事人：%(p)s") % {"p": _party(case)}, _("违法事实：%(f)s") % {"f": case.facts or case.name},
                  _("以上事实，本机关已于%(d)s告知你（单位）拟作出的行政处罚及依法享有的权利。")
                  % {"d": chinese_date(case.notified_on) if case.notified_on else "—"},
                  *([said] if (said := rights.decision_paragraph(case)) else []),
                  _("依据%(b)s的规定，决定对你（单位）作出%(p)s的行政处罚。")
                  % {"b": case.legal_basis or "《中华人民共和国安全生产法》", "p": _penalty(case)}]
        if case.penalty_kind == "fine":
            blocks.append(_("罚款自收到本决定书之日起%(n)d日内缴至指定银行。") % {"n": config.payment_days})
            if config.late_fee_percent_per_day > 0:  # configurable, not in STANDARDS.md (enforcement/payments.py)
                late = _("逾期不缴纳的，每日按罚款数额的%(p)s%%加处罚款。") % {
                    "p": f"{config.late_fee_percent_per_day:g}"}
                if config.late_fee_cap_percent == 100:
                    late += _("加处罚款的数额不超出罚款的数额。")
                blocks.append(late)
        blocks.append(RIGHTS)
        return OfficialDocument(title=_("行政处罚决定书"), issuer=ISSUER, date=case.decided_on or timezone.localdate(),
                                number=number, recipient=_party(case), blocks=blocks)
    return build
