"""Issue, rotate or revoke an Open311 client's API key: ``make open311-key CLIENT=jogo-malang-presisi``.

The key is printed once and stored only as its SHA-256 hash. Against AWS, pass ``--table`` (the stack's
``TableName`` output) with the usual AWS credentials; without it the running local stack is used.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.open311_key", description=__doc__)
    parser.add_argument("client", help="client id, e.g. jogo-malang-presisi")
    parser.add_argument("--name", help="the client's name (default: its id)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--rotate", action="store_true", help="replace the client's key (the old one stops working)")
    action.add_argument("--revoke", action="store_true", help="delete the client's key")
    parser.add_argument("--table", default=os.environ.get("TABLE_NAME"), help="the stack's table (AWS)")
    args = parser.parse_args(argv)
    table = args.table
    if not table:
        from devstack import DEFAULT_REGION
        from devstack.discover import StackNotFoundError, discover

        try:
            address = discover(need="aws")
        except StackNotFoundError as error:
            print(error, file=sys.stderr)
            return 2
        os.environ["AWS_ENDPOINT_URL"] = address.aws_endpoint
        os.environ.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            os.environ.setdefault(name, "testing")
        table = "Table"  # the local stack names every resource after its logical id

    from aduan.adapters.open311_store import Client, ClientExists, Open311Store
    from aduan.models import utcnow
    from aduan.open311 import keys

    store = Open311Store(table)
    if args.revoke:
        if not store.revoke(args.client):
            print(f"{args.client}: no key to revoke", file=sys.stderr)
            return 1
        print(f"{args.client}: key revoked", file=sys.stderr)
        return 0
    try:
        key = keys.issue(store, Client(args.client, args.name or args.client), utcnow(), rotate=args.rotate)
    except ClientExists:
        print(f"{args.client} already has a key: pass --rotate to replace it", file=sys.stderr)
        return 1
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(key)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
