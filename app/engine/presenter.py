"""From a session to what people see: prompts, texts in the session language, problems."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.engine.body import Control
from app.engine.instance import Node
from app.engine.itext import Text, static_itext_id
from app.engine.prompts import Choice, Problem, Prompt

if TYPE_CHECKING:
    from app.engine.session import Session
    from app.engine.xpath import XPathExpr

_MESSAGES = {
    "es": {
        "required": "Esta respuesta es obligatoria.",
        "constraint": "La respuesta no es válida.",
        "too_slow": "No se pudo comprobar esta respuesta: la regla del formulario (regex) tarda "
        "demasiado con ella. Cambie la respuesta o pida a quien preparó el formulario que "
        "simplifique la regla.",
    },
    "en": {
        "required": "This answer is required.",
        "constraint": "This answer is not valid.",
        "too_slow": "This answer could not be checked: the form's rule (regex) takes too long "
        "on it. Change the answer, or ask the form's author to simplify the rule.",
    },
}


def message_language(language: str) -> str:
    lowered = language.lower()
    if "(en)" in lowered or lowered.startswith("english"):
        return "en"
    return "es"  # Encuentro's forms and people are Spanish-first


_SPANISH = re.compile(r"\((es)([-_][a-z0-9]+)?\)|^\s*(español|espanol|spanish)\b", re.IGNORECASE)


def date_names_language(language: str) -> str:
    """format-date's month and day names: "es" for a Spanish form language, else "en".

    Collect names them in the device's locale; a form in Spanish gets Spanish names on purpose
    (issue 10, item 12: our facilitators work in Spanish). A form without languages, in
    English or in any other language gets English names, as Collect on an English device (the
    JavaRosa reference test) writes them.
    """
    return "es" if _SPANISH.search(language) else "en"


# -- texts -------------------------------------------------------------------------------------
def render_parts(session: Session, parts: list[str | XPathExpr], context: Node) -> str:
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.append(part.evaluate_string(session.env, context))
    return "".join(pieces).strip()


def itext(session: Session, text_id: str, context: Node, form: str = "") -> str | None:
    parts = session.form.itext.lookup(text_id, session.language, form)
    return None if parts is None else render_parts(session, parts, context)


def render(session: Session, text: Text | None, context: Node, form: str = "") -> str:
    """A label/hint in the session language with its outputs filled in ('' if none)."""
    if text is None:
        return ""
    text_id = text.itext_id
    if text.itext_expr is not None:
        text_id = text.itext_expr.evaluate_string(session.env, context)
    if text_id is not None:
        return itext(session, text_id, context, form) or ""
    if form:
        return ""
    if text.ref_expr is not None:
        return text.ref_expr.evaluate_string(session.env, context)
    return render_parts(session, text.parts, context)


def _media(session: Session, text: Text | None, context: Node, form: str) -> str | None:
    if text is None or (text.itext_id is None and text.itext_expr is None):
        return None
    return render(session, text, context, form) or None


# -- problems ----------------------------------------------------------------------------------
def _message(session: Session, node: Node, attr: str, kind: str) -> str:
    if kind == "constraint" and node in session._too_slow:
        return _MESSAGES[message_language(session.language)]["too_slow"]
    bind = session.form.binds.get(session.generic(node))
    raw = getattr(bind, attr, None) if bind is not None else None
    text_id = static_itext_id(raw)
    if text_id is not None:
        raw = itext(session, text_id, node)
    return raw or _MESSAGES[message_language(session.language)][kind]


def problem_of(session: Session, node: Node) -> Problem | None:
    if node.children or not session.is_relevant(node):
        return None
    if node.text == "" and session._required.get(node, False):
        return Problem(
            session.ref(node), _message(session, node, "required_msg", "required"), "required"
        )
    if not session._valid.get(node, True):
        message = _message(session, node, "constraint_msg", "constraint")
        return Problem(session.ref(node), message, "constraint")
    return None


def all_problems(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    checked = {
        path
        for path, bind in session.form.binds.items()
        if bind.required is not None or bind.constraint is not None
    }
    stack = [session.root]
    while stack:
        node = stack.pop()
        if not session.is_relevant(node):
            continue
        if session.generic(node) in checked:
            problem = problem_of(session, node)
            if problem is not None:
                problems.append(problem)
        stack.extend(reversed(node.children))
    return problems


# -- choices -----------------------------------------------------------------------------------
def choices(session: Session, control: Control, node: Node) -> list[Choice]:
    if control.itemset is None:
        return [
            Choice(
                item.value,
                render(session, item.label, node),
                _media(session, item.label, node, "image"),
            )
            for item in control.items
        ]
    items = session._items.get(node)
    if items is None:
        session.evaluations += 1
        items = control.itemset.nodeset.evaluate_nodes(session.env, node)
        session._items[node] = items
    return [_itemset_choice(session, control, item) for item in items]


def _itemset_choice(session: Session, control: Control, item: Node) -> Choice:
    itemset = control.itemset
    assert itemset is not None  # called for controls with an itemset only
    value = itemset.value.evaluate_string(session.env, item)
    label = render(session, itemset.label, item)
    image = _media(session, itemset.label, item, "image") if itemset.image_itext else None
    return Choice(value, label, image)


def choice_label(session: Session, value: str, path: str) -> str:
    """jr:choice-name: the label of a value among all of a select's choices (filter ignored)."""
    control = session.form.controls.get(path)
    if control is None:
        return ""
    nodes = session.all_nodes(path)
    context = nodes[0] if nodes else session.root
    if control.itemset is None:
        for item in control.items:
            if item.value == value:
                return render(session, item.label, context)
        return ""
    for node in control.itemset.base.evaluate_nodes(session.env, context):
        if control.itemset.value.evaluate_string(session.env, node) == value:
            return render(session, control.itemset.label, node)
    return ""


# -- prompts -----------------------------------------------------------------------------------
def build_prompts(session: Session) -> list[Prompt]:
    out: list[Prompt] = []
    _walk(session, session.form.body, session.root, 0, out)
    return out


def prompt_at(session: Session, ref: str, depth: int) -> Prompt | None:
    """The prompt of one question as build_prompts would make it now (depth as it was listed),
    or None when it is not a shown question (hidden, a group, a repeat, a calculation)."""
    try:
        node = session.node(ref)
    except (KeyError, ValueError):
        return None
    control = session.form.controls.get(session.generic(node))
    if control is None or control.kind in ("group", "repeat") or not session.is_relevant(node):
        return None
    return _prompt(session, control, node, depth)


def _single(session: Session, scope: Node, path: str) -> Node | None:
    found = session.nodes_under(scope, path)
    return found[0] if found else None


def _walk(
    session: Session, controls: list[Control], scope: Node, depth: int, out: list[Prompt]
) -> None:
    for control in controls:
        if control.kind == "group" and control.path is None:
            _walk(session, control.children, scope, depth, out)
        elif control.kind == "group" and _wraps_repeat(control):
            _repeat(session, control.children[0], scope, depth, out, control)
        elif control.kind == "repeat":
            _repeat(session, control, scope, depth, out, None)
        else:
            node = _single(session, scope, control.path or "")
            if node is None or not session.is_relevant(node):
                continue
            out.append(_prompt(session, control, node, depth))
            if control.kind == "group":
                _walk(session, control.children, node, depth + 1, out)


def _wraps_repeat(group: Control) -> bool:
    return (
        len(group.children) == 1
        and group.children[0].kind == "repeat"
        and group.children[0].path == group.path
    )


def _repeat(
    session: Session,
    control: Control,
    scope: Node,
    depth: int,
    out: list[Prompt],
    group: Control | None,
) -> None:
    path = control.path or ""
    parent_path, name = path.rsplit("/", 1)
    parent = _single(session, scope, parent_path)
    if parent is None or not session.is_relevant(parent):
        return
    instances = parent.children_named(name)
    fixed = control.count is not None or control.no_add_remove
    addable = not fixed and session.repeat_relevant(parent, path)
    label_source = group.label if group is not None and group.label is not None else control.label
    header = Prompt(
        ref=f"{session.ref(parent)}/{name}",
        kind="repeat",
        label=render(session, label_source, parent),
        hint=render(session, (group or control).hint, parent),
        appearance=(group or control).appearance,
        depth=depth,
        repeat_count=len(instances),
        can_add=addable,
        can_remove=not fixed and bool(instances),
    )
    out.append(header)
    for instance in instances:
        if not session.is_relevant(instance):
            continue
        out.append(
            Prompt(
                ref=session.ref(instance),
                kind="repeat_instance",
                label=render(session, label_source, instance),
                appearance=control.appearance,
                depth=depth + 1,
                field_list="field-list" in control.appearance.split()
                or (group is not None and group.field_list),
                repeat_count=len(instances),
                can_add=addable,
                can_remove=not fixed,
            )
        )
        _walk(session, control.children, instance, depth + 2, out)


def _prompt(session: Session, control: Control, node: Node, depth: int) -> Prompt:
    bind = session.form.binds.get(session.generic(node))
    kind = control.kind
    if kind == "input" and bind is not None and bind.readonly_always and bind.calculate is None:
        kind = "note"
    ref = session.ref(node)
    valid = session._valid.get(node, True)
    prompt = Prompt(
        ref=ref,
        kind=kind,
        datatype=bind.datatype if bind is not None else "string",
        label=render(session, control.label, node),
        hint=render(session, control.hint, node),
        guidance_hint=render(session, control.hint, node, "guidance"),
        appearance=control.appearance,
        value=node.text,
        required=session._required.get(node, False),
        readonly=session.readonly(ref) if kind != "group" else False,
        depth=depth,
        problem=None if valid else _message(session, node, "constraint_msg", "constraint"),
        field_list=control.field_list,
        mediatype=control.mediatype,
        range_start=control.range_start,
        range_end=control.range_end,
        range_step=control.range_step,
        image=_media(session, control.label, node, "image"),
        audio=_media(session, control.label, node, "audio"),
    )
    if kind in ("select1", "select", "rank"):
        prompt.choices = choices(session, control, node)
    return prompt
