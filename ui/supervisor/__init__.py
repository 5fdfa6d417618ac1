"""Supervisor mode's screens: sign-in, the review list and detail, the dashboard, sync status.

They call ``app.supervisor.desk.SupervisorDesk`` only (no SQL, no HTTP here)."""
