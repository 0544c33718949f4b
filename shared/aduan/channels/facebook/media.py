"""Messenger attachments and Page feed photos (CDN URLs in the delivery): see `aduan.channels.meta_media`."""

from aduan.channels.meta_media import download

__all__ = ["download"]
