"""XForm XML -> FormDef: the model (instances, binds, itext, actions) and the body controls."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.body import Control, parse_body
from app.engine.errors import FormError
from app.engine.instance import Node
from app.engine.itext import Itext
from app.engine.media import external_instance
from app.engine.xmlread import JR, ODK, XFORMS, XHTML, ParsedXml, local_name, namespace, parse_xml

if TYPE_CHECKING:
    from app.engine.xpath import XPathExpr

_TRUE = re.compile(r"^\s*(true\(\s*\)|1)\s*$")
# The project's own namespace for custom bind attributes (XLSForm `bind::encuentro:role`).
ENCUENTRO = "urn:encuentro:xforms"
LAST_SAVED_SRC = "jr://instance/last-saved"
SETVALUE_EVENTS = ("odk-instance-first-load", "odk-new-repeat", "xforms-value-changed")
PRELOADS = {
    ("uid", ""),
    ("timestamp", "start"),
    ("timestamp", "end"),
    ("date", "today"),
    ("property", "deviceid"),
    ("property", "username"),
    ("property", "email"),
    ("property", "phonenumber"),
    ("property", "subscriberid"),
    ("property", "simserial"),
}


@dataclass
class Bind:
    """Everything the binds say about one generic path."""

    path: str
    datatype: str = "string"
    relevant: XPathExpr | None = None
    required: XPathExpr | None = None
    readonly: XPathExpr | None = None
    constraint: XPathExpr | None = None
    calculate: XPathExpr | None = None
    constraint_msg: str | None = None
    required_msg: str | None = None
    preload: str | None = None
    preload_params: str = ""
    readonly_always: bool = False  # readonly="true()": an input shown as a note
    role: str | None = None  # encuentro:role (urn:encuentro:xforms): what findings read it as


@dataclass
class SetValue:
    """<setvalue event=… ref=… value=…/>: an action run on an event."""

    event: str
    path: str
    value: XPathExpr | None
    literal: str
    source: str | None = None  # the question whose change fires xforms-value-changed
    geopoint: bool = False  # odk:setgeopoint: the device's position, left empty when none is known


@dataclass
class FormDef:
    title: str
    form_id: str
    version: str
    root_name: str
    main: Node  # document node; repeat templates removed
    templates: dict[str, Node]  # generic repeat path -> clean template instance
    repeats: set[str]
    instances: dict[str, Node]  # secondary instances: id -> document node
    binds: dict[str, Bind]
    body: list[Control]
    controls: dict[str, Control]  # generic path -> control
    itext: Itext
    setvalues: list[SetValue] = field(default_factory=list)
    namespaces: dict[str, str] = field(default_factory=dict)  # prefix -> uri used in the instance
    child_order: dict[str, list[str]] = field(default_factory=dict)  # path -> child names in order
    paths: set[str] = field(default_factory=set)  # every generic path of the main instance
    # Binds on attributes (/data/meta/entity/@id): generic path with /@name -> bind.
    attribute_binds: dict[str, Bind] = field(default_factory=dict)
    last_saved_ids: set[str] = field(default_factory=set)  # jr://instance/last-saved instances
    warnings: list[str] = field(default_factory=list)  # what was ignored, as JavaRosa ignores it
    # <submission base64RsaPublicKey=...>: finalised submissions are sealed for this key (ODK
    # encryption, app/odk_encryption.py); None for a plain form.
    public_key: str | None = None

    def roles(self) -> dict[str, str]:
        """Generic path -> ``encuentro:role`` of every bind that has one, in the form's order
        (topic, note, quote, speaker, themes, group, community, need)."""
        return {path: bind.role for path, bind in self.binds.items() if bind.role}


class _Compiler:
    """compile_xpath with errors turned into FormErrors that say where the expression is."""

    def __init__(self) -> None:
        from app.engine.xpath import XPathError, compile_xpath

        self._compile = compile_xpath
        self._error = XPathError
        self._cache: dict[str, XPathExpr] = {}

    def __call__(self, expr: str, where: str) -> XPathExpr:
        cached = self._cache.get(expr)
        if cached is not None:
            return cached
        try:
            compiled = self._compile(expr)
        except self._error as exc:
            raise FormError(f"{where}: {exc}") from exc
        self._cache[expr] = compiled
        return compiled


def parse_xform(text: str | bytes, media_dir: Path | None = None) -> FormDef:
    """Read an XForm; a FormError names the element or bind at fault, or the unsupported feature.
    External instances (CSV/XML choice lists) are read from `media_dir`."""
    parsed = parse_xml(text, "The form")
    root = parsed.root
    if root.tag != f"{{{XHTML}}}html":
        raise FormError(
            f"Not an XForm: the root element is <{local_name(root.tag)}>, not <h:html>."
        )
    head = root.find(f"{{{XHTML}}}head")
    body = root.find(f"{{{XHTML}}}body")
    if head is None:
        raise FormError("Not an XForm: <h:head> is missing.")
    model = head.find(f"{{{XFORMS}}}model")
    if model is None:
        raise FormError("Not an XForm: <model> is missing from <h:head>.")
    title_element = head.find(f"{{{XHTML}}}title")
    compile_expr = _Compiler()

    instances = [child for child in model if local_name(child.tag) == "instance"]
    if not instances:
        raise FormError("The form has no <instance> in its <model>.")
    main_element = next((i for i in instances if i.get("id") is None), instances[0])
    main_roots = [c for c in main_element if isinstance(c.tag, str)]
    if len(main_roots) != 1:
        raise FormError("The main <instance> must contain exactly one root element.")
    main_root = parsed.to_node(main_roots[0])
    document = Node("#document")
    document.append(main_root)
    child_order, paths = _structure(main_root)
    templates, repeats = _take_templates(main_root)

    secondary = {}
    last_saved_ids: set[str] = set()
    for element in instances:
        if element is main_element:
            continue
        if (element.get("src") or "").strip() == LAST_SAVED_SRC:
            # Filled per session from the last finalised filling (Form.new_session(last_saved=)).
            last_saved_ids.add(element.get("id") or "")
            secondary[element.get("id") or ""] = Node("#document")
            continue
        secondary[element.get("id") or ""] = _secondary_instance(parsed, element, media_dir)

    itext = Itext()
    binds: dict[str, Bind] = {}
    setvalues: list[SetValue] = []
    public_key: str | None = None
    for child in model:
        name = local_name(child.tag)
        if name == "itext":
            itext.add_from(child, compile_expr)
        elif name == "bind":
            bind = _parse_bind(child, compile_expr)
            binds[bind.path] = _merge(binds.get(bind.path), bind)
        elif name == "setvalue" or (name == "setgeopoint" and namespace(child.tag) == ODK):
            setvalues.extend(_parse_setvalue(child, compile_expr))
        elif name == "submission" and child.get("base64RsaPublicKey"):
            public_key = _public_key(child.get("base64RsaPublicKey") or "")
        elif name not in ("instance", "submission") and namespace(child.tag) == ODK:
            raise FormError(f"The model action <odk:{name}> is not supported.")

    controls: dict[str, Control] = {}
    body_controls = parse_body(body, compile_expr, controls, setvalues) if body is not None else []
    for path, control in controls.items():
        if control.kind == "repeat" and path not in repeats:
            repeats.add(path)
    for path in repeats:
        if path not in templates:
            templates[path] = _template_from_first_instance(main_root, path)
    _drop_inner_repeats(templates, repeats)
    _mark_kinds(main_root, templates, binds)

    warnings: list[str] = []
    attribute_binds = _split_binds(binds, paths, controls, main_root, templates, warnings)
    root_attrs = main_root.attrs
    form_id = root_attrs.get("id", "")
    if not form_id:
        raise FormError(f"The main instance root <{main_root.name}> has no id attribute (form id).")
    return FormDef(
        title=(title_element.text or "").strip() if title_element is not None else "",
        form_id=form_id,
        version=root_attrs.get("version", ""),
        root_name=main_root.name,
        main=document,
        templates=templates,
        repeats=repeats,
        instances=secondary,
        binds=binds,
        body=body_controls,
        controls=controls,
        itext=itext,
        setvalues=setvalues,
        namespaces=_used_namespaces(parsed, main_root, templates),
        child_order=child_order,
        paths=paths,
        attribute_binds=attribute_binds,
        last_saved_ids=last_saved_ids,
        warnings=warnings,
        public_key=public_key,
    )


def _public_key(text: str) -> str:
    """The submission's RSA public key, checked now so a bad key fails at import, not at the
    first finalize."""
    from app.odk_encryption import public_key_from_form

    try:
        public_key_from_form(text)
    except ValueError as error:
        hint = "Paste the public key again in the settings' public_key column."
        raise FormError(f"{error} {hint}") from None
    return "".join(text.split())


def generic_path(node: Node) -> str:
    parts: list[str] = []
    current: Node | None = node
    while current is not None and current.name != "#document":
        parts.append(current.name)
        current = current.parent
    return "/" + "/".join(reversed(parts))


def _structure(root: Node) -> tuple[dict[str, list[str]], set[str]]:
    """Child names in document order for every element, and all generic paths (templates too)."""
    order: dict[str, dict[str, None]] = {}  # dict keys: ordered, and a cheap "seen" test
    paths: set[str] = set()
    stack = [(root, "/" + root.name)]
    while stack:
        node, path = stack.pop()
        paths.add(path)
        names = order.setdefault(path, {})
        for child in node.children:
            names[child.name] = None
            stack.append((child, f"{path}/{child.name}"))
    return {path: list(names) for path, names in order.items()}, paths


def _take_templates(root: Node) -> tuple[dict[str, Node], set[str]]:
    """Remove jr:template nodes from the main instance; keep each (cleaned) as its model."""
    templates: dict[str, Node] = {}
    repeats: set[str] = set()
    marked = [n for n in root.iter_descendants() if "jr:template" in n.attrs]
    for node in marked:
        path = generic_path(node)
        repeats.add(path)
        if path not in templates:
            clean = node.copy()
            del clean.attrs["jr:template"]
            _drop_nested_templates(clean)
            templates[path] = clean
    for node in marked:
        if node.parent is not None:
            node.parent.remove(node)
    return templates, repeats


def _drop_nested_templates(node: Node) -> None:
    for child in list(node.children):
        if "jr:template" in child.attrs:
            node.remove(child)
        else:
            _drop_nested_templates(child)


def _template_from_first_instance(root: Node, path: str) -> Node:
    steps = path.strip("/").split("/")
    current: Node | None = root if steps and steps[0] == root.name else None
    for step in steps[1:]:
        current = current.first_named(step) if current is not None else None
    if current is None:
        raise FormError(f"The repeat {path} has no node in the main instance.")
    return current.copy()


def _drop_inner_repeats(templates: dict[str, Node], repeats: set[str]) -> None:
    """A new outer instance starts without inner instances (JavaRosa): the user adds them, or
    their jr:count does. Templates taken from a first instance may still hold some."""
    for path, template in templates.items():
        stack = [(template, path)]
        while stack:
            node, node_path = stack.pop()
            for child in list(node.children):
                child_path = f"{node_path}/{child.name}"
                if child_path in repeats:
                    node.remove(child)
                else:
                    stack.append((child, child_path))


def _mark_kinds(root: Node, templates: dict[str, Node], binds: dict[str, Bind]) -> None:
    """Node.kind from each bind's type, so XPath reads typed answers as JavaRosa does."""
    from app.engine.values import kind_of

    kinds = {path: kind_of(bind.datatype) for path, bind in binds.items()}
    kinds = {path: kind for path, kind in kinds.items() if kind}
    if not kinds:
        return
    starts = [(root, "/" + root.name)] + [(t, path) for path, t in templates.items()]
    for top, top_path in starts:
        stack = [(top, top_path)]
        while stack:
            node, path = stack.pop()
            if node.children:
                stack.extend((child, f"{path}/{child.name}") for child in node.children)
            else:
                kind = kinds.get(path)
                if kind:
                    node.kind = kind


def _secondary_instance(parsed: ParsedXml, element: ET.Element, media_dir: Path | None) -> Node:
    instance_id = element.get("id") or ""
    src = element.get("src")
    if src:
        return external_instance(instance_id, src, media_dir)
    roots = [c for c in element if isinstance(c.tag, str)]
    document = Node("#document")
    for child in roots:
        document.append(parsed.to_node(child, namespace(child.tag)))
    return document


def _is_true(expr: str | None) -> bool:
    return bool(expr) and bool(_TRUE.match(expr or ""))


def _parse_bind(element: ET.Element, compile_expr: _Compiler) -> Bind:
    path = (element.get("nodeset") or element.get("ref") or "").strip()
    if not path:
        raise FormError("A <bind> has no nodeset attribute.")
    if not path.startswith("/") or "[" in path:
        raise FormError(f"The bind nodeset {path!r} must be a plain absolute path like /data/age.")
    bind = Bind(path=path)
    datatype = element.get("type", "string")
    bind.datatype = datatype.split(":", 1)[1] if ":" in datatype else datatype
    for attr in ("relevant", "required", "readonly", "constraint", "calculate"):
        expr = element.get(attr)
        if expr is not None and expr.strip():
            setattr(bind, attr, compile_expr(expr, f"The bind for {path} ({attr}={expr!r})"))
    bind.readonly_always = _is_true(element.get("readonly"))
    bind.constraint_msg = element.get(f"{{{JR}}}constraintMsg")
    bind.required_msg = element.get(f"{{{JR}}}requiredMsg")
    role = element.get(f"{{{ENCUENTRO}}}role")
    bind.role = role.strip() if role and role.strip() else None
    preload = element.get(f"{{{JR}}}preload")
    if preload:
        params = element.get(f"{{{JR}}}preloadParams", "")
        key = (preload, "" if preload == "uid" else params)
        if key not in PRELOADS:
            raise FormError(
                f"The bind for {path} uses jr:preload={preload!r} "
                f"jr:preloadParams={params!r}, which is not supported."
            )
        bind.preload, bind.preload_params = key
    return bind


def _merge(old: Bind | None, new: Bind) -> Bind:
    """Several binds on one nodeset are allowed: later attributes add to earlier ones."""
    if old is None:
        return new
    for attr in ("relevant", "required", "readonly", "constraint", "calculate", "preload"):
        if getattr(new, attr) is None:
            setattr(new, attr, getattr(old, attr))
    if new.datatype == "string":
        new.datatype = old.datatype
    new.constraint_msg = new.constraint_msg or old.constraint_msg
    new.required_msg = new.required_msg or old.required_msg
    new.readonly_always = new.readonly_always or old.readonly_always
    new.role = new.role or old.role
    return new


def _parse_setvalue(
    element: ET.Element, compile_expr: _Compiler, source: str | None = None
) -> list[SetValue]:
    """One SetValue per event: `event` may list several, space-separated (pyxform writes
    "odk-instance-first-load odk-new-repeat" for a dynamic default inside a repeat)."""
    tag = local_name(element.tag)
    path = (element.get("ref") or "").strip()
    events = element.get("event", "").split()
    if not path:
        raise FormError(f"A <{tag} event={element.get('event', '')!r}> has no ref attribute.")
    if not events:
        raise FormError(f"<{tag} ref={path!r}> has no event.")
    for event in events:
        if event not in SETVALUE_EVENTS:
            raise FormError(f"<{tag} ref={path!r}>: the event {event!r} is not supported.")
    if tag == "setgeopoint":
        return [SetValue(event, path, None, "", source, geopoint=True) for event in events]
    value = element.get("value")
    compiled = compile_expr(value, f"<setvalue ref={path!r}> value={value!r}") if value else None
    return [SetValue(event, path, compiled, element.text or "", source) for event in events]


def _split_binds(
    binds: dict[str, Bind],
    paths: set[str],
    controls: dict[str, Control],
    root: Node,
    templates: dict[str, Node],
    warnings: list[str],
) -> dict[str, Bind]:
    """Take binds on attributes out of `binds`; drop binds that name no node, with a warning
    (JavaRosa ignores them), unless a control shows that node: that is a broken form."""
    attribute_binds: dict[str, Bind] = {}
    for path in list(binds):
        element_path, _, attribute = path.partition("/@")
        if attribute and element_path in paths:
            if _has_attribute(root, templates, element_path, attribute):
                attribute_binds[path] = binds.pop(path)
                continue
        if path in paths:
            continue
        if path in controls:
            raise FormError(f"The bind for {path} names no node in the main instance.")
        del binds[path]
        warnings.append(f"The bind for {path} names no node in the main instance; ignored.")
    return attribute_binds


def _has_attribute(root: Node, templates: dict[str, Node], path: str, attribute: str) -> bool:
    found = [(n, generic_path(n)) for n in (root, *root.iter_descendants())]
    for repeat, template in templates.items():
        parent = repeat.rsplit("/", 1)[0]
        found.extend(
            (n, parent + generic_path(n)) for n in (template, *template.iter_descendants())
        )
    return any(attribute in node.attrs and where == path for node, where in found)


def _used_namespaces(parsed: ParsedXml, root: Node, templates: dict[str, Node]) -> dict[str, str]:
    """prefix -> uri for every prefix that instance element or attribute names use."""
    by_prefix = {prefix: uri for uri, prefix in parsed.prefixes.items() if prefix}
    from app.engine.xmlread import KNOWN_PREFIXES

    for uri, prefix in KNOWN_PREFIXES.items():
        by_prefix.setdefault(prefix, uri)
    used: dict[str, str] = {}
    nodes = [root, *root.iter_descendants()]
    for template in templates.values():
        nodes.extend([template, *template.iter_descendants()])
    for node in nodes:
        for name in (node.name, *node.attrs):
            if ":" in name:
                prefix = name.split(":", 1)[0]
                if prefix in by_prefix and prefix != "xmlns":
                    used[prefix] = by_prefix[prefix]
    return used
