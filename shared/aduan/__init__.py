"""Aduan: citizen reports from social media become triaged tickets and officer alerts.

This package is the Lambda layer shared by every function. Modules import only what they use, so a
webhook function does not pay for the ticket model or triage at cold start.
"""

__version__ = "0.1.0"
