"""The form engine: XForm -> FormDef -> Session (answers, relevance, calculations, repeats, XML).

    form = load_form("forms/grupo_focal_mujeres.md")   # XLSForm, XForm file, or XForm text
    session = form.new_session(language="Español (es)", properties={"deviceid": "..."})
    session.set("/data/participants[1]/age_band", "18_29")   # ValueError if the type does not fit
    session.prompts(); session.check(ref); session.validate()
    xml = session.to_xml()                       # submission: non-relevant nodes left out
    draft = session.to_xml(include_non_relevant=True)   # keeps answers hidden by skip logic
    again = form.open_session(xml)               # answers and repeats restored, all recomputed
    again.renew_instance_id()                    # editing a sent submission: meta/deprecatedID

Beyond the contract: load_form(..., media_dir=) for CSV/XML choice files and pulldata(),
Form.new_session(properties=) for deviceid/username preloads and property(), (last_saved=) the
form's last finalised instance XML for ${last-saved#q}, (position_source=) for start-geopoint;
FormDef.warnings (binds ignored as JavaRosa ignores them); Session.evaluations / naive_cost() /
recompute_all() (benchmark and consistency checks), RefError for refs that name nothing.
"""

from app.engine.errors import FormError, RefError
from app.engine.load import Form, load_form
from app.engine.prompts import Choice, Problem, Prompt
from app.engine.session import Session

__all__ = ["Choice", "Form", "FormError", "Problem", "Prompt", "RefError", "Session", "load_form"]
