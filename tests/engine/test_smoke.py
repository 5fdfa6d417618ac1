from app.engine import load_form


def test_loads_and_fills_a_small_form(make_form):
    form = make_form(
        """
        | survey |
        |        | type    | name | label    | relevant   |
        |        | integer | age  | Age      |            |
        |        | text    | job  | Job      | ${age} > 15 |
        | settings |
        |          | form_id | version |
        |          | smoke   | 1       |
        """
    )
    session = form.new_session()
    assert not session.relevant("/data/job")
    session.set("/data/age", "20")
    assert session.relevant("/data/job")
    assert load_form(form.xform_xml).form_id == "smoke"
