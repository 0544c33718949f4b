"""Adapters: the only modules that know boto3 and `ClientError`; each turns AWS errors into domain errors."""
