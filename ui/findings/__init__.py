"""The findings view: themes by group and community with their quotes, ranked needs, the report
and the REFI-QDA export, for a supervisor's cache or a facilitator's own sessions."""
