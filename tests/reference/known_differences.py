"""Differences between our engine and JavaRosa that are known, each with its reason.

One row per difference: the form file (or "*"), the kind of difference (see compare.Difference),
a regular expression over the generic ref (repeat indexes removed, /data/rep/x), and why.
`owner` says why the row stays: "javarosa" (JavaRosa is wrong: the reason names the JavaRosa
code or behaviour) or "intentional" (we differ on purpose: the reason says why, and the README's
"The form engine and ODK Collect" section documents it). A
difference of our engine that is simply wrong gets no row: it is fixed, with a unit test in
tests/engine.

The test prints every known difference it meets and every row that matched nothing, so a stale
row is easy to spot and delete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatch


@dataclass(frozen=True)
class Known:
    form: str  # file name such as "repeat_paths.md"; wildcards as in a shell ("grupo_*.md")
    kind: str  # load, step, missing, extra, relevant, required, constraint, value, xml, or "*"
    ref: str  # regular expression matched (fully) against the generic ref
    owner: str  # "javarosa" or "intentional"
    reason: str

    def matches(self, form: str, kind: str, generic_ref: str) -> bool:
        return (
            fnmatch(form, self.form)
            and self.kind in ("*", kind)
            and re.fullmatch(self.ref, generic_ref) is not None
        )


KNOWN_DIFFERENCES: list[Known] = [
    # -- JavaRosa is wrong -------------------------------------------------------------------
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/highest",
        "javarosa",
        "max() of negative numbers only: JavaRosa's XPathFuncExpr.max starts from "
        "Double.MIN_VALUE, the smallest POSITIVE double (4.9e-324), so max(-1, -2) gives 0; "
        "ours gives -1",
    ),
    Known(
        "actions_and_dates.md",
        "*",
        r"/data/person_lbl",
        "javarosa",
        "jr:choice-name() of a choice whose label has an <output> (Me (${who})): JavaRosa "
        "re-runs a calculate only when a node named in its own expression changes, and ${who} "
        "is named only in the label, so after who changes it keeps the old label ('Me (Ana)'), "
        "a value that depends on the order of answering; Collect itself gives 'Me (Rosa)' once "
        "the saved form is opened again (FormDef.initialize recomputes every calculate). Ours "
        "follows the output at once (issue 10, item 10)",
    ),
    Known(
        "repeat_semantics.md",
        "xml",
        r"\(order\) /data/hh/(member/mname|visit/vdate)",
        "javarosa",
        "a household whose visit was added before its size was typed: JavaRosa appends the "
        "jr:count members created later after the visit (a repeat's first entry goes to the "
        "end of its parent); ours keeps the form's order (member before visit). The same nodes "
        "and values; servers and exports read a submission by name",
    ),
    # -- we differ on purpose ----------------------------------------------------------------
    Known(
        "setgeopoint_events.xml",
        "*",
        r"/data/visit/vwhere",
        "intentional",
        "odk:setgeopoint on odk-new-repeat with entries added in quick succession: Collect keeps "
        "one request per action (CollectSetGeopointAction: 'only the current target node is "
        "updated'), so adding visit 3 takes the position away from visit 2 still waiting for its "
        "fix, and a better fix then reaches only the newest entry; ours lets each entry's ask "
        "wait on its own for 20 s (app/engine/position_wait.py), so every entry added gets the "
        "position and the most accurate fix of its own 20 s (README: 'The form engine and ODK "
        "Collect')",
    ),
    Known(
        "repeat_semantics.md",
        "missing",
        r"/data/hh/member(/mname)?",
        "intentional",
        "jr:count entries JavaRosa never removes (FormEntryModel.createModelIfNecessary only "
        "adds): it keeps the form's initial member while the household size is empty or 0, and "
        "every member above a size that went down, and submits them; we keep exactly the "
        "count, asking before removing entries that hold answers (README: 'A jr:count that "
        "goes down'; issue 10)",
    ),
    Known(
        "repeat_semantics.md",
        "xml",
        r"/data/hh/member/mname",
        "intentional",
        "the submission side of the row above: JavaRosa sends the members beyond the count",
    ),
    Known(
        "spanish_dates.md",
        "*",
        r"/data/(d_month|d_day|d_text)",
        "intentional",
        "format-date month and day names in a Spanish form: Spanish here ('mar', 'mié'), the "
        "device locale's in Collect (English in this test: 'Mar', 'Wed'); issue 10, item 12, "
        "our facilitators work in Spanish. Forms without languages or in other languages get "
        "English names, as Collect on an English device",
    ),
]
