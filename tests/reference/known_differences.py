"""Differences between our engine and JavaRosa that are known, each with its reason.

One row per difference: the form file (or "*"), the kind of difference (see compare.Difference),
a regular expression over the generic ref (repeat indexes removed, /data/rep/x), and why.
`owner` says who removes the row: "engine-semantics" (issue 10, items 1-12: our engine is being
fixed; delete the row once the fix is merged and the test shows the difference gone) or
"javarosa" (JavaRosa is wrong or does something Collect users never see; the row stays).

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
    owner: str  # "engine-semantics" or "javarosa"
    reason: str

    def matches(self, form: str, kind: str, generic_ref: str) -> bool:
        return (
            fnmatch(form, self.form)
            and self.kind in ("*", kind)
            and re.fullmatch(self.ref, generic_ref) is not None
        )


KNOWN_DIFFERENCES: list[Known] = [
    # -- our engine, being fixed by the engine-semantics work (issue 10 items) ------------------
]
KNOWN_DIFFERENCES += [
    Known(
        "evaluacion_necesidades.md",
        "*",
        r".*/months_abroad_total",
        "engine-semantics",
        "item 3: a NaN result (one part blank) is stored as empty in JavaRosa, 'NaN' here",
    ),
    Known(
        "grupo_focal_*.md",
        "*",
        r"(constraint )?/data/.*/quote_participant",
        "javarosa",
        "`. = /data/participants[consent = 'si']/participant_code` is a multi-node comparison; "
        "JavaRosa throws 'This field is repeated' once two participants consented (the "
        "built-in forms are being rewritten to avoid it: issue 10, 'Our own forms')",
    ),
]
KNOWN_DIFFERENCES += [
    Known(
        "model_details.xml",
        "*",
        r"/data/total|/data/tag/@code",
        "engine-semantics",
        "item 2: sum() skips empty nodes in JavaRosa (a new visit's n is empty); NaN here",
    ),
]
KNOWN_DIFFERENCES += [
    Known(
        "collect_features.md",
        "*",
        r"/data/has_cat",
        "engine-semantics",
        "item 4: a calculate with a boolean result is written 1/0 by JavaRosa, true/false here",
    ),
    Known(
        "collect_features.md",
        "*",
        r"/data/plot_area",
        "open",
        "area()/enclosed-area(): JavaRosa 5.1 projects the shape onto a plane (equatorial "
        "circumference 40,074,784 m); ours is the spherical formula with the WGS84 radius: "
        "0.003% apart on a 0.6 km² plot. Not assigned yet: port GeoUtils' formula or keep ours",
    ),
]
KNOWN_DIFFERENCES += [
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/rep/y|/data/rep/big_note|/data/rep/below",
        "engine-semantics",
        "item 1: /data/rep/x inside rep means the current instance in JavaRosa, the first here",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/hh/member(/mname)?|/data/hh/member_count",
        "engine-semantics",
        "item 1: jr:count=/data/hh/size is read per household in JavaRosa; here every household "
        "gets the first one's count (so scripts also refuse steps on members JavaRosa lacks)",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/(total|lowest|highest)",
        "engine-semantics",
        "item 2: sum/min/max skip empty nodes in JavaRosa (NaN here)",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/(plus_one|not_num)",
        "engine-semantics",
        "item 3 (and 6 for '2020-01-01'): a NaN result is stored empty in JavaRosa",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/is_big",
        "engine-semantics",
        "item 4: a boolean calculate is written 1/0 by JavaRosa, true/false here",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/(as_date|t_after)",
        "engine-semantics",
        "item 6: number('2020-01-01') is NaN and a text answer that looks like a date is not "
        "a number in JavaRosa",
    ),
    Known(
        "repeat_semantics.md",
        "*",
        r"/data/half",
        "engine-semantics",
        "item 7: an int-typed calculate is cast to int by JavaRosa (5 div 2 gives 2)",
    ),
    Known(
        "actions_and_dates.md",
        "*",
        r"/data/(ddt|dt_minus)",
        "engine-semantics",
        "item 8: JavaRosa counts the time-zone offset (18262.41667), we drop it (18262.5)",
    ),
    Known(
        "actions_and_dates.md",
        "*",
        r"/data/person_lbl",
        "engine-semantics",
        "item 10: jr:choice-name() follows the choice label's <output> in JavaRosa",
    ),
]
KNOWN_DIFFERENCES += [
    Known(
        "model_details.xml",
        "*",
        r"/data/first",
        "engine-semantics",
        "item 9: a first-load setvalue nested in a control runs once at load in JavaRosa; "
        "here it runs again on every change of the control",
    ),
]
