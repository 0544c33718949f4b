"""``python -m devstack.token USER`` (``make token USER=...``): print an access token of a demo officer from
the running local stack's user pool, for curl: ``curl -H "Authorization: Bearer $(make -s token USER=polresta-01)"``.
"""

from __future__ import annotations

import argparse
import os
import sys

from devstack import DEFAULT_AWS_PORT, DEFAULT_REGION


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.token", description=__doc__)
    parser.add_argument("user", help="a roster officer id, e.g. polresta-01, lowokwaru-01, ppa-01")
    parser.add_argument("--aws-port", type=int, default=int(os.environ.get("AWS_PORT", DEFAULT_AWS_PORT)))
    args = parser.parse_args(argv)
    os.environ["AWS_ENDPOINT_URL"] = f"http://localhost:{args.aws_port}"
    os.environ.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(key, "testing")
    os.environ.pop("AWS_PROFILE", None)

    from devstack import cognito, workflow_seed

    pool = workflow_seed.user_pool_id()
    if pool is None:
        print("no officer user pool on the local endpoint: is `make dev` running?", file=sys.stderr)
        return 2
    try:
        print(cognito.token(workflow_seed.client_id(pool), args.user))
    except Exception as error:  # noqa: BLE001 - a CLI: say what failed, without a traceback
        print(f"cannot sign in as {args.user!r}: {type(error).__name__}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
