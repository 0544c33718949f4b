"""Platform parsers: each turns one platform's webhook delivery into canonical `InboundMessage`s."""
