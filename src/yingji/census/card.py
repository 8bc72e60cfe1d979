"""The township risk card (乡镇自然灾害风险清单·一张卡) as DOCX in the official layout (core.documents): the zoning
class and score, the hazards (hazard points, danger zones), the exposed people and assets, the capacity (shelters,
teams, registered households and their cadres) and the gaps found in these registers, each with its figure."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from yingji.core.documents import Heading, OfficialDocument, Table, render_docx
from yingji.core.masking import mask_phone

from .choices import AssetClass, RiskHazard, RiskLevel
from .models import DangerZone, ExposedAsset, HazardPoint, Household

PHONE = "core.view_contact_phone"
DRILL_DAYS = 365


def township_card(township, assessment, user) -> bytes:
    today = timezone.localdate()
    row = assessment.row_for(township.code) if assessment else None
    subtree = {"region__path__startswith": township.path}
    points = list(HazardPoint.objects.filter(**subtree).order_by("code"))
    zones = list(DangerZone.objects.filter(**subtree).order_by("code"))
    households = Household.objects.filter(**subtree)
    show_phone = user.has_perm(PHONE)
    blocks = [Heading("一、基本情况"), _summary(township, row)]
    blocks += [Heading("二、灾害风险隐患"), Heading("（一）地质灾害隐患点", 2)]
    blocks.append(Table(["编号", "名称", "类型", "规模", "威胁户数", "威胁人数", "监测员", "电话"], [
        [p.code, p.name, p.get_hazard_type_display(), p.get_scale_display(), p.threatened_households,
         p.threatened_people, p.monitor_name, p.monitor_phone if show_phone else mask_phone(p.monitor_phone)]
        for p in points]) if points else "本乡镇（街道）未登记地质灾害隐患点。")
    blocks.append(Heading("（二）山洪、内涝与洪水淹没危险区", 2))
    blocks.append(Table(["编号", "名称", "类型", "河流", "重现期(年)"], [
        [z.code, z.name, z.get_zone_type_display(), z.river or "—", z.return_period_years or "—"] for z in zones])
        if zones else "本乡镇（街道）未登记危险区。")
    blocks += [Heading("三、承灾体与暴露人口"), _assets_table(township)]
    if row:
        blocks.append(Table(["灾种", "危险性", "暴露度", "脆弱性", "风险值", "暴露人口", "暴露资产(万元)"], [
            [str(RiskHazard(h).label), part["H"], part["E"], part["V"], part["R"], part["people"],
             part["property_wan"]] for h, part in row["hazards"].items()],
            caption="分灾种评估（危险性、暴露度按全区最高值归一）"))
    blocks += [Heading("四、减灾能力"), _capacity(township, households)]
    blocks += [Heading("五、短板与建议"), *_gaps(township, row, points, households, today)]
    return render_docx(OfficialDocument(
        title=f"{township.name}自然灾害综合风险清单（一张卡）", issuer="船山区应急管理局", date=today,
        number=f"船应急风险卡〔{today.year}〕{township.code[6:9]}号", blocks=blocks,
        note=f"（评估：{assessment.code} {assessment.name}）" if assessment else "（尚未开展风险评估）"))


def _summary(township, row) -> str:
    level = RiskLevel(row["level"]).label if row else "未评估"
    score = f"{row['score']}分" if row else "—"
    area = f"{township.area_km2:.1f}平方公里，" if township.area_km2 else ""
    return (f"{township.name}常住人口{township.population}人、{township.households}户，{area}"
            f"综合风险等级：{level}（综合得分{score}，以全区最高乡镇为100分）。")


def _assets_table(township):
    rows = (ExposedAsset.objects.filter(region__path__startswith=township.path).values("asset_class")
            .annotate(n=Count("id"), people=Sum("occupants"), value=Sum("value_wan")).order_by("asset_class"))
    labels = dict(AssetClass.choices)
    body = [[str(labels.get(r["asset_class"], r["asset_class"])), r["n"], r["people"] or 0, f"{r['value'] or 0:.2f}"]
            for r in rows]
    if not body:
        return "本乡镇（街道）未登记承灾体。"
    return Table(["承灾体大类", "数量", "常住或在用人数", "资产价值(万元)"], body)


def _capacity(township, households):
    from yingji.resources.models import RescueTeam, Shelter

    shelters = list(Shelter.objects.filter(region__path__startswith=township.path).order_by("code"))
    teams = RescueTeam.objects.filter(region__path__startswith=township.path).aggregate(n=Count("id"),
                                                                                         people=Sum("headcount"))
    figures = households.aggregate(n=Count("id"), people=Sum("members"), cadres=Count("cadre", distinct=True))
    rows = [["应急避难场所", f"{len(shelters)}处，可容纳{sum(s.capacity or 0 for s in shelters)}人"],
            ["救援队伍", f"{teams['n']}支，{teams['people'] or 0}人"],
            ["危险区域建档立卡", f"{figures['n']}户{figures['people'] or 0}人，包保干部{figures['cadres']}名"]]
    return Table(["项目", "情况"], rows)


def _gaps(township, row, points, households, today) -> list:
    gaps = []
    if row:
        exposed = row["people"]
        if exposed > row["shelter_places"]:
            gaps.append(f"避难场所容量不足：暴露人口约{exposed}人，场所可容纳{row['shelter_places']}人，"
                        f"缺口{exposed - row['shelter_places']}人。")
    no_shelter = households.filter(shelter__isnull=True).count()
    if no_shelter:
        gaps.append(f"{no_shelter}户建档立卡户未落实安置场所。")
    stale = households.filter(last_drill__lt=today - timedelta(days=DRILL_DAYS)).count()
    never = households.filter(last_drill__isnull=True).count()
    if stale or never:
        gaps.append(f"{stale + never}户超过一年未参加避险转移演练（或无演练记录）。")
    unmonitored = [p.code for p in points if not p.monitor_phone]
    if unmonitored:
        gaps.append(f"{len(unmonitored)}处隐患点缺少监测员联系电话：{'、'.join(unmonitored)}。")
    big = Counter(p.get_scale_display() for p in points if p.scale in ("large", "huge"))
    if big:
        gaps.append("大型及以上隐患点：" + "、".join(f"{k}{v}处" for k, v in big.items())
                    + "，建议优先实施工程治理或搬迁避让。")
    vulnerable = households.aggregate(elderly=Sum("elderly"), disabled=Sum("disabled"))
    if vulnerable["elderly"] or vulnerable["disabled"]:
        gaps.append(f"危险区内有老人{vulnerable['elderly'] or 0}人、残疾人{vulnerable['disabled'] or 0}人，"
                    "转移时须逐一落实包保责任人。")
    return gaps or ["未发现登记数据中的明显短板。"]
