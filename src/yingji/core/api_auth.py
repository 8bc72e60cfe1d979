from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

# What every request goes on to read of its user: the jurisdiction (without its boundary, tens of kilobytes of
# JSON) for scoping, the organization for timeline entries. One query with the token instead of three.
USER_RELATIONS = ("user__region", "user__organization")
USER_DEFERRED = ("user__region__geometry", "user__organization__geometry")


class ExpiringTokenAuthentication(TokenAuthentication):
    """API tokens expire after YINGJI_TOKEN_TTL_HOURS (等保 2.0: no credential lives forever)."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        token = model.objects.select_related(*USER_RELATIONS).defer(*USER_DEFERRED).filter(key=key).first()
        if token is None:
            raise AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        if token.created < timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS):
            token.delete()
            raise AuthenticationFailed("令牌已过期，请重新获取")
        return token.user, token
