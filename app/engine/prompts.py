"""What the engine hands the UI: one Prompt per visible question/group/repeat, and Problems."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Choice:
    """One option of a select, label already in the session language."""

    value: str
    label: str
    image: str | None = None


@dataclass
class Prompt:
    """One visible element of the form body, ready to show (outputs already substituted)."""

    ref: str  # concrete ref, e.g. /data/participants[2]/age
    kind: str  # input|select1|select|rank|range|upload|trigger|note|group|repeat|repeat_instance
    datatype: str = "string"  # string,int,decimal,date,time,dateTime,geopoint,boolean,...
    label: str = ""
    hint: str = ""
    guidance_hint: str = ""
    appearance: str = ""
    value: str = ""
    required: bool = False
    readonly: bool = False
    depth: int = 0  # nesting level, 0 = top
    choices: list[Choice] = field(default_factory=list)  # filtered by choice_filter
    problem: str | None = None  # constraint message if the current value breaks a constraint
    field_list: bool = False  # group shown as one page
    repeat_count: int = 0
    can_add: bool = False
    can_remove: bool = False
    mediatype: str = ""  # for upload: "image/*", "audio/*", "*/*"
    range_start: float | None = None
    range_end: float | None = None
    range_step: float | None = None
    image: str | None = None
    audio: str | None = None


@dataclass
class Problem:
    """Why a session cannot be finalised yet: a required answer missing or a constraint broken."""

    ref: str
    message: str
    kind: str  # "required" | "constraint"
