"""The `yingji` command: demo, serve, migrate, audit verify, worker, and any Django command via `manage`."""

import argparse
import os
import sys


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
    import django

    django.setup()
    from django.core.management import call_command

    return call_command


def refuse_unshared_cache(workers: int) -> None:
    """Several production processes with a per-process cache would each keep their own rate-limit counts."""
    from django.conf import settings

    local = settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    if workers > 1 and local and not settings.DEMO_MODE:
        raise SystemExit("生产模式下多个 Web 进程需要共享缓存（限流计数）：请设置 YINGJI_CACHE_URL，例如 "
                         "redis://127.0.0.1:6379/1；或以 --workers 1 运行")


def default_workers() -> int:
    """Web processes: `YINGJI_WEB_WORKERS`, else one per core plus one in production (requests are mostly
    waiting on the database) and one in demo mode."""
    configured = os.environ.get("YINGJI_WEB_WORKERS", "").strip()
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise SystemExit(f"YINGJI_WEB_WORKERS 应为正整数，而不是 {configured!r}")
        return int(configured)
    production = os.environ.get("YINGJI_MODE", "demo") == "production"
    return (os.cpu_count() or 1) + 1 if production else 1


def _serve(host: str, port: int, workers: int) -> None:
    import uvicorn

    refuse_unshared_cache(workers)

    # Idle connections are kept 75 s, longer than a proxy's or client's own idle limit (nginx: 60 s): when the
    # server closed first (uvicorn's default is 5 s), a request sent on the connection at that moment got no answer.
    uvicorn.run("yingji.asgi:application", host=host, port=port, log_level="warning", workers=workers,
                timeout_keep_alive=75)


def _start_embedded_worker(call_command) -> None:
    """The demo has no broker: one background thread does what `yingji worker` does (events, messages,
    periodic housekeeping such as expiring warnings and duty escalations)."""
    import threading

    threading.Thread(target=call_command, args=("dispatch_events",), name="yingji-worker", daemon=True).start()


def _start_sensor_feed(port: int) -> None:
    import threading

    from yingji.monitoring import demo_feed

    print(demo_feed.start(str(port), threading.Event()))


def _start_gateway_standins() -> None:
    """The demo's SMS, e-mail, broadcast, robot and APP-push channels go to local stand-ins of the gateways
    (channels/standins.py), so a published warning reaches everyone with no network. YINGJI_DEMO_STANDINS=0 keeps
    the channels as configured (a real gateway)."""
    if os.environ.get("YINGJI_DEMO_STANDINS", "1") == "0":
        return
    from yingji.channels import standins

    running = standins.start()
    codes = standins.point_demo_channels(running)
    print(f"网关替身（演示）：HTTP {running.http_url}，SMTP {running.smtp_port}，MQTT {running.mqtt_port}"
          f"（{', '.join(codes)}）")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yingji", description="应急 Yingji — 智慧应急综合应用平台")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="迁移数据库、载入船山区演示数据并启动服务")
    serve = commands.add_parser("serve", help="启动 Web 服务（ASGI）")
    for sub in (demo, serve):
        sub.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        sub.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        sub.add_argument("--workers", type=int, default=None,
                         help="Web 进程数（默认：生产模式为 CPU 核数+1，演示模式为 1）")
    commands.add_parser("migrate", help="迁移数据库")
    commands.add_parser("load-demo", help="载入演示数据")
    audit = commands.add_parser("audit", help="审计日志：verify、seal、anchor、purge（yingji audit verify -h）")
    audit.add_argument("args", nargs=argparse.REMAINDER)
    draw = commands.add_parser("draw", help="双随机抽查：replay <编号> 复现抽取（yingji draw replay -h）")
    draw.add_argument("args", nargs=argparse.REMAINDER)
    ingest = commands.add_parser("ingest", help="监测数据接入：订阅 MQTT 并入库（yingji ingest -h）", prefix_chars="+",
                                 add_help=False)  # every option goes to the ingest command
    ingest.add_argument("args", nargs=argparse.REMAINDER)
    commands.add_parser("worker", help="运行后台任务（事件分发）")
    manage = commands.add_parser("manage", help="运行任意 Django 管理命令")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)

    call_command = _django()
    from django.core.management.base import CommandError

    try:
        if options.command in {"demo", "load-demo"}:
            from yingji.core.demo_guard import refuse_demo_data_in_production

            refuse_demo_data_in_production()  # before migrating: nothing happens to a production database
        if options.command in {"migrate", "demo", "load-demo"}:
            call_command("migrate", interactive=False, verbosity=0)
        if options.command in {"load-demo", "demo"}:
            call_command("load_demo")
        if options.command == "demo":
            _start_gateway_standins()
            _start_embedded_worker(call_command)
            _start_sensor_feed(options.port)
            print(f"\n应急 Yingji 演示：http://{options.host}:{options.port}/")
            print("演示账户（密码 Chuanshan@2025，仅限演示模式）：commander, duty, liaison-water, township-guihua,")
            print("  duty-chief, township-longfeng, township-laochi, grid-guihua-01, inspector, sysadmin, secadmin,")
            print("  auditor, observer, enterprise, enterprise-b, enterprise-2")
            print("后台工作进程已随演示启动（事件分发、消息发送、预警到期、值班升级）。\n")
        if options.command in {"demo", "serve"}:
            _serve(options.host, options.port, options.workers or default_workers())
        elif options.command == "audit":
            call_command("audit", *options.args)
        elif options.command == "draw":
            call_command("draw", *options.args)
        elif options.command == "ingest":
            call_command("ingest", *options.args)
        elif options.command == "worker":
            call_command("dispatch_events")
        elif options.command == "manage":
            from django.core.management import execute_from_command_line

            execute_from_command_line(["yingji", *options.args])
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
