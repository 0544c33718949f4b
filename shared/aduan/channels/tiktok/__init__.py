"""TikTok: Business Messaging webhooks (direct messages to the police's business account)."""
