"""Generator of the built-in questionnaires (forms/*.md): run `python -m forms.builder`.

The markdown XLSForms are the files the app loads; they are generated so that the parts the
focus-group guides share (places, roster, notes, closing, codebook) stay identical in all of
them. Edit the builder, re-run it and commit both; tests/forms checks that they agree.
"""
