"""The form engine: XForm -> FormDef -> Session (answers, relevance, calculations, repeats, XML).

form = load_form("forms/focus_group.md")      # or .xlsx/.xls/.csv, an XForm file or XForm text
session = form.new_session(language="Español (es)")
session.set("/data/participants[1]/age", "34")
session.prompts(); session.validate(); xml = session.to_xml()
again = form.open_session(xml)
"""

from app.engine.errors import FormError, RefError
from app.engine.load import Form, load_form
from app.engine.prompts import Choice, Problem, Prompt
from app.engine.session import Session

__all__ = ["Choice", "Form", "FormError", "Problem", "Prompt", "RefError", "Session", "load_form"]
