"""From voices to findings: themes across focus-group sessions, ranked needs, coverage.

Core code (no Qt), shared by the server's CLI (report, REFI-QDA export) and the desktop's
supervisor mode: each hands ``FormSubmissions(form_xml, source)`` (a ``SubmissionSource`` from
``app.export``) to ``compute_findings``. Which question holds what comes from the form's
``encuentro:role`` binds (``form_roles.py``), so any focus-group form that marks them works.
"""

from app.findings.compute import (
    APPROVED_ONLY,
    Findings,
    FindingsFilter,
    FormSubmissions,
    NeedCount,
    QuoteRef,
    SessionCache,
    ThemeCount,
    compute_findings,
)
from app.findings.form_roles import FormRoles, Place, read_form_roles
from app.findings.sessions import Session, read_session

__all__ = [
    "APPROVED_ONLY",
    "Findings",
    "FindingsFilter",
    "FormRoles",
    "FormSubmissions",
    "NeedCount",
    "Place",
    "QuoteRef",
    "Session",
    "SessionCache",
    "ThemeCount",
    "compute_findings",
    "read_form_roles",
    "read_session",
]
