"""The form runner: fills one session of a form, page by page, autosaving every answer."""

from ui.runner.runner_widget import FormRunner

__all__ = ["FormRunner"]
