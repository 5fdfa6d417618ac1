"""Functions ODK Collect offers around JavaRosa's library: pulldata() over a form's CSV media,
version(), property(), and the spellings is-selected() and enclosed-area()."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.engine.instance import Node
from app.engine.xpath import geo_functions, odk_functions
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.registry import FUNCTIONS, xpath_function
from app.engine.xpath.values import to_string

if TYPE_CHECKING:
    from app.engine.xpath import EvalEnv

# The same functions under the names JavaRosa also accepts.
FUNCTIONS["is-selected"] = FUNCTIONS["selected"]
FUNCTIONS["enclosed-area"] = FUNCTIONS["area"]
_ALIASED = (odk_functions.selected, geo_functions.area)


@xpath_function("pulldata", 4, style="context", returns="string")
def pulldata(
    env: EvalEnv,
    cur: Node,
    node: Node,
    pos: int,
    size: int,
    table: Any,
    column: Any,
    key_column: Any,
    key: Any,
) -> str:
    """pulldata('fruits', 'name', 'code', ${code}): the `name` cell of the first row of the
    media file fruits.csv whose `code` cell equals the key; '' when no row does (as Collect).
    pyxform declares that file as the secondary instance 'fruits' (jr://file-csv/fruits.csv)."""
    name = to_string(table)
    document = env.instances.get(name)
    if document is None:
        raise XPathError(f"pulldata('{name}', …) needs the media file {name}.csv in the form")
    wanted, want_key, value = to_string(column), to_string(key_column), to_string(key)
    for root in document.children:
        for item in root.children:
            cell = item.first_named(want_key)
            if cell is not None and cell.text == value:
                found = item.first_named(wanted)
                return found.text if found is not None else ""
    return ""


@xpath_function("version", 0, style="context", returns="string")
def version(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> str:
    """The form's version (the version attribute of the main instance's root)."""
    return env.form_version


@xpath_function("property", 1, style="context", returns="string")
def property_(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, name: Any) -> str:
    """A device property as Collect names them (deviceid, username, email, phonenumber…);
    '' for one this device does not have. 'uri:deviceid' and 'deviceid' are the same."""
    key = to_string(name).strip()
    key = key[len("uri:") :] if key.startswith("uri:") else key
    return env.properties.get(key, "")
