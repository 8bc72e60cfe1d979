from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class ExpiringTokenAuthentication(TokenAuthentication):
    """API tokens expire after YINGJI_TOKEN_TTL_HOURS (等保 2.0: no credential lives forever)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS):
            token.delete()
            raise AuthenticationFailed("令牌已过期，请重新获取")
        return user, token
