"""Errors the engine raises: always a sentence a form author or facilitator can act on."""

from __future__ import annotations


class FormError(ValueError):
    """The form cannot be loaded or used: the message names the element, bind or field at fault."""


class RefError(ValueError):
    """A ref that names no question in this session (e.g. /data/kids[3]/age with two kids)."""
