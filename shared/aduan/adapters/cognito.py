"""The officers' user pool (Cognito) as the roster keeps it in step: accounts, groups, enabled, MFA.

`sync` makes one user match their roster entry and is safe to repeat (a retried request after a crash
between the roster write and the pool converges): create the user if missing (Cognito e-mails the
temporary password), put them in exactly the managed groups the entry gives (`piket`, `polsek_<area>`,
`ppa`, `propam`, `pimpinan`; other groups are left alone), enable or disable them (disabling also signs them
out everywhere: their refresh tokens stop working), and for the groups that need MFA turn on their
authenticator app as the preferred factor once they have registered one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import StorageUnavailable

MANAGED_PREFIXES = ("polsek_",)
MANAGED_GROUPS = frozenset({"piket", "ppa", "propam", "pimpinan"})
SOFTWARE_TOKEN = "SOFTWARE_TOKEN_MFA"  # noqa: S105 (an MFA type name, not a secret)


def managed(group: str) -> bool:
    return group in MANAGED_GROUPS or group.startswith(MANAGED_PREFIXES)


@dataclass(frozen=True, slots=True)
class Account:
    """What the pool says about one user."""

    username: str
    enabled: bool
    groups: frozenset[str]
    mfa: frozenset[str]  # the factors the user has turned on (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`)
    preferred_mfa: str | None = None


@dataclass(slots=True)
class SyncResult:
    created: bool = False
    groups_added: list[str] = field(default_factory=list)
    groups_removed: list[str] = field(default_factory=list)
    enabled: bool = True
    signed_out: bool = False
    mfa: str = "not_required"  # not_required, on, awaiting_enrolment

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "groups_added": sorted(self.groups_added),
            "groups_removed": sorted(self.groups_removed),
            "enabled": self.enabled,
            "signed_out": self.signed_out,
            "mfa": self.mfa,
        }


class UserPool:
    def __init__(self, pool_id: str, client: Any = None) -> None:
        self.pool_id = pool_id
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("cognito-idp")
        return self._client

    def _call(self, operation: str, **kwargs: Any) -> Any:
        try:
            return getattr(self.client, operation)(UserPoolId=self.pool_id, **kwargs)
        except ClientError as exc:
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc

    def account(self, username: str) -> Account | None:
        try:
            user = self.client.admin_get_user(UserPoolId=self.pool_id, Username=username)
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "UserNotFoundException":
                return None
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        groups = self._call("admin_list_groups_for_user", Username=username, Limit=60)["Groups"]
        return Account(
            username=username,
            enabled=bool(user.get("Enabled", True)),
            groups=frozenset(str(g["GroupName"]) for g in groups),
            mfa=frozenset(user.get("UserMFASettingList") or ()),
            preferred_mfa=user.get("PreferredMfaSetting") or None,
        )

    def sync(
        self,
        username: str,
        *,
        groups: Iterable[str],
        enabled: bool,
        email: str | None,
        needs_mfa: bool,
    ) -> SyncResult:
        result = SyncResult(enabled=enabled)
        account = self.account(username)
        if account is None:
            if not enabled:
                return result  # nothing to disable
            attributes = (
                [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}] if email else []
            )
            kwargs: dict[str, Any] = {"Username": username, "UserAttributes": attributes}
            kwargs["DesiredDeliveryMediums"] = ["EMAIL"] if email else []
            if not email:
                kwargs["MessageAction"] = "SUPPRESS"  # no address to send the temporary password to
            self._call("admin_create_user", **kwargs)
            result.created = True
            account = Account(username, True, frozenset(), frozenset())
        wanted = frozenset(groups)
        for group in sorted(wanted - account.groups):
            self._call("admin_add_user_to_group", Username=username, GroupName=group)
            result.groups_added.append(group)
        for group in sorted(g for g in account.groups - wanted if managed(g)):
            self._call("admin_remove_user_from_group", Username=username, GroupName=group)
            result.groups_removed.append(group)
        if enabled and not account.enabled:
            self._call("admin_enable_user", Username=username)
        if not enabled:
            if account.enabled:
                self._call("admin_disable_user", Username=username)
            self._call("admin_user_global_sign_out", Username=username)
            result.signed_out = True
        if needs_mfa:
            result.mfa = self._require_mfa(account)
        return result

    def _require_mfa(self, account: Account) -> str:
        """Make the authenticator app the user's preferred factor if they have registered one; Cognito
        refuses it before they have (then the officer API refuses their tokens until they do)."""
        if SOFTWARE_TOKEN in account.mfa and account.preferred_mfa == SOFTWARE_TOKEN:
            return "on"
        try:
            self.client.admin_set_user_mfa_preference(
                UserPoolId=self.pool_id,
                Username=account.username,
                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "InvalidParameterException":
                return "awaiting_enrolment"
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        return "on"
