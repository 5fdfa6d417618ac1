"""Supervisor mode's core: sign-in, the cache of the team's sessions, reviews, the dashboard.

``desk.SupervisorDesk`` is what the screens call; see its module docstring.
"""
