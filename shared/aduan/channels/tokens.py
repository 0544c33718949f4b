"""Platform access tokens, for calling a platform's API (downloading media, sending replies).

Each token is an SSM SecureString whose name the function's environment gives, one variable per channel:
`WHATSAPP_ACCESS_TOKEN_PARAM` (the system user's token for the WhatsApp Cloud API), `INSTAGRAM_ACCESS_TOKEN_PARAM`,
`FACEBOOK_ACCESS_TOKEN_PARAM` (the Page access token), `X_ACCESS_TOKEN_PARAM` (OAuth 2.0 user context of the
police account), `TIKTOK_ACCESS_TOKEN_PARAM` (the business account's token); the template's
`<Platform>AccessTokenParameter` parameters hold the names (default `/aduan/<stage>/<channel>/access-token`).

Read through Powertools parameters, cached for five minutes per execution environment, so a rotated token
is picked up without a redeploy.
"""

from __future__ import annotations

import os

from aduan.errors import AduanError

DEFAULT_MAX_AGE_SECONDS = 300


class TokenUnavailable(AduanError):
    """The token could not be read (not configured, or SSM did not answer); `configured` says which."""

    def __init__(self, channel: str, *, configured: bool) -> None:
        super().__init__(channel)
        self.channel = channel
        self.configured = configured


def variable(channel: str) -> str:
    """The environment variable naming a channel's token parameter: `WHATSAPP_ACCESS_TOKEN_PARAM`..."""
    return f"{channel.upper()}_ACCESS_TOKEN_PARAM"


def access_token(channel: str, max_age: int = DEFAULT_MAX_AGE_SECONDS) -> str:
    name = os.environ.get(variable(channel), "")
    if not name:
        raise TokenUnavailable(channel, configured=False)
    from aws_lambda_powertools.utilities import parameters
    from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

    try:
        value = parameters.get_parameter(name, decrypt=True, max_age=max_age)
    except GetParameterError as error:
        raise TokenUnavailable(channel, configured=True) from error
    return str(value)
