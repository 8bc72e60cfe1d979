import os

from asgiref.sync import sync_to_async
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
django_application = get_asgi_application()


async def application(scope, receive, send):
    """Django for HTTP; the server's lifespan messages answered here (Django has none), so that a process stopped
    gracefully finishes its buffered work after its last request (core/shutdown.py)."""
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)
        return
    from yingji.core import shutdown

    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await sync_to_async(shutdown.run)()
            await send({"type": "lifespan.shutdown.complete"})
            return
