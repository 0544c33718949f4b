"""The officer API (Powertools' HTTP API resolver): one router per resource, errors mapped in one place."""
