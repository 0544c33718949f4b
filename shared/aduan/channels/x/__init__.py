"""X (Twitter): X Activity API webhooks (mentions, replies, DMs), legacy Account Activity payloads too."""
