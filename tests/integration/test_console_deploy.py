"""scripts/deploy_console.py against moto: the console's files and a config.json from the stack's outputs
land in the bucket with the content types browsers need."""

from __future__ import annotations

import json

import boto3
from moto import mock_aws

from scripts import deploy_console


@mock_aws
def test_publish_uploads_the_console_and_its_config() -> None:
    s3 = boto3.client("s3", region_name="ap-southeast-3")
    s3.create_bucket(Bucket="console-bucket", CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"})
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")
    found = {
        "ConsoleBucketName": "console-bucket",
        "OfficerUserPoolId": "ap-southeast-3_abc",
        "OfficerUserPoolClientId": "client123",
    }
    keys = deploy_console.publish(s3, cloudfront, found, "ap-southeast-3")
    assert {"index.html", "js/app.js", "styles.css", "data/kecamatan.geojson", "config.json"} <= set(keys)
    assert "README.md" not in keys
    index = s3.get_object(Bucket="console-bucket", Key="index.html")
    assert index["ContentType"] == "text/html; charset=utf-8" and index["CacheControl"] == "no-cache"
    assert s3.get_object(Bucket="console-bucket", Key="js/app.js")["ContentType"] == "text/javascript; charset=utf-8"
    config = json.loads(s3.get_object(Bucket="console-bucket", Key="config.json")["Body"].read())
    assert config == {
        "region": "ap-southeast-3",
        "userPoolId": "ap-southeast-3_abc",
        "clientId": "client123",
        "cognitoEndpoint": "https://cognito-idp.ap-southeast-3.amazonaws.com/",
        "apiBase": "",
    }
