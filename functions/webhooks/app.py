"""Every platform's webhook: one handler per channel, one template function each (`Handler: app.<channel>`).

Each function verifies the platform's signature over the raw body, enqueues the delivery (or parks a signed
body it cannot read) and answers at once; the normalizer does the rest. See `aduan.webhook_handler`.
"""

from __future__ import annotations

from aduan.webhook_handler import webhook_handler

whatsapp = webhook_handler("whatsapp")
instagram = webhook_handler("instagram")
facebook = webhook_handler("facebook")
x = webhook_handler("x")
tiktok = webhook_handler("tiktok")
