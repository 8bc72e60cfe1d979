import json

from django.core.management.base import BaseCommand, CommandError

from yingji.enforcement.draws import replay
from yingji.enforcement.models import Draw


class Command(BaseCommand):
    help = "双随机抽查：replay <抽查编号或UUID> 按记录的种子、候选名单和算法版本复现抽取，并与记录的结果比对"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        again = actions.add_parser("replay", help="复现一次抽取")
        again.add_argument("draw", help="抽查编号（如 SSJ20261204-001）或 UUID")
        again.add_argument("--json", action="store_true", help="输出复现的完整结果（JSON）")

    def handle(self, *args, **options):
        key = options["draw"]
        draw = Draw.objects.filter(code=key).first()
        if draw is None and len(key) == 36:
            draw = Draw.objects.filter(uuid=key).first()
        if draw is None:
            raise CommandError(f"未找到抽查：{key}")
        outcome = replay(draw)
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=1))
        if not (outcome.identical and outcome.inputs_intact):
            intact = "是" if outcome.inputs_intact else "否"
            raise CommandError(f"{draw.code}：复现结果与记录不一致（输入完好：{intact}）")
        self.stdout.write(self.style.SUCCESS(
            f"{draw.code}：复现结果与记录完全一致（{draw.algorithm}，种子 {draw.seed}，"
            f"{len(draw.candidate_targets)} 个候选对象，{len(draw.candidate_inspectors)} 名候选人员，"
            f"结果 SHA-256 {draw.result_sha256}）"))
