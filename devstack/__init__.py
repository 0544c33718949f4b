"""Aduan's local stack: the SAM template run on a laptop, without Docker.

``python -m devstack`` starts moto as the embedded AWS endpoint, creates every resource declared in
``template.yaml``, serves the HTTP API routes and drives the SQS and DynamoDB-stream event sources so the
functions run as they do on Lambda. ``devstack.simulate`` sends signed sample WhatsApp deliveries and
``devstack.outbox`` prints the SMS and e-mail alerts the stack has sent.
"""

from __future__ import annotations

from pathlib import Path

#: Repository root (the directory holding ``template.yaml``).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: Name the local stack uses for ``AWS::StackName``.
STACK_NAME = "aduan-local"

#: moto's default account, so ARNs built here match the ones moto returns.
ACCOUNT_ID = "123456789012"

DEFAULT_REGION = "ap-southeast-3"
DEFAULT_AWS_PORT = 5000
DEFAULT_API_PORT = 3000
