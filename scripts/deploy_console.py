"""Publish the officer console to a deployed stack: write config.json from the stack's outputs, upload
console/ to the console bucket (the types browsers need, short caching for the entry files), and
invalidate the distribution.

    python scripts/deploy_console.py --stack-name aduan-dev [--region ap-southeast-3] [--dry-run]

Run after `sam deploy`. The bucket is private: only the distribution reads it (origin access control).
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import time
from pathlib import Path
from typing import Any

CONSOLE_DIR = Path(__file__).resolve().parents[1] / "console"
SUFFIXES = {".html", ".js", ".css", ".json", ".geojson", ".svg", ".png", ".ico", ".wav", ".txt"}
TYPES = {".js": "text/javascript", ".geojson": "application/geo+json", ".json": "application/json"}
# index.html and config.json must be fresh after a deploy; the modules they load are revalidated too (no
# content hashes in their names), at little cost: a 304 from the edge.
CACHE = {"index.html": "no-cache", "config.json": "no-cache"}
DEFAULT_CACHE = "public, max-age=300, must-revalidate"


def outputs(cloudformation: Any, stack_name: str) -> dict[str, str]:
    stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def config_document(found: dict[str, str], region: str) -> dict[str, str]:
    return {
        "region": region,
        "userPoolId": found["OfficerUserPoolId"],
        "clientId": found["OfficerUserPoolClientId"],
        "cognitoEndpoint": f"https://cognito-idp.{region}.amazonaws.com/",
        "apiBase": "",  # /api/* is routed by the same distribution
    }


def files(root: Path = CONSOLE_DIR) -> list[tuple[str, Path]]:
    return sorted(
        (p.relative_to(root).as_posix(), p)
        for p in root.rglob("*")
        if p.is_file() and p.suffix in SUFFIXES and p.name != "config.json"
    )


def content_type(key: str) -> str:
    suffix = Path(key).suffix
    kind = TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")
    return kind + "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else kind


def publish(s3: Any, cloudfront: Any, found: dict[str, str], region: str, dry_run: bool = False) -> list[str]:
    bucket = found["ConsoleBucketName"]
    uploads = [(key, path.read_bytes()) for key, path in files()]
    uploads.append(("config.json", json.dumps(config_document(found, region), indent=2).encode()))
    for key, body in uploads:
        if dry_run:
            continue
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=body,
            ContentType=content_type(key),
            CacheControl=CACHE.get(key, DEFAULT_CACHE),
        )
    if not dry_run and cloudfront is not None and found.get("ConsoleDistributionId"):
        cloudfront.create_invalidation(
            DistributionId=found["ConsoleDistributionId"],
            InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": str(time.time_ns())},
        )
    return [key for key, _ in uploads]


def main(argv: list[str] | None = None) -> int:
    import boto3

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack-name", required=True)
    parser.add_argument("--region", default=None)
    parser.add_argument("--dry-run", action="store_true", help="list what would be uploaded")
    args = parser.parse_args(argv)
    session = boto3.session.Session(region_name=args.region)
    region = session.region_name or "ap-southeast-3"
    found = outputs(session.client("cloudformation"), args.stack_name)
    keys = publish(session.client("s3"), session.client("cloudfront"), found, region, args.dry_run)
    print(f"{'would upload' if args.dry_run else 'uploaded'} {len(keys)} files to {found['ConsoleBucketName']}")
    print(f"console: {found.get('ConsoleUrl', '(no ConsoleUrl output)')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
