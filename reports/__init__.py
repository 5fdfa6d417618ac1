"""Reports laid out with Qt (outside app/: app/ and sync/ never import Qt). The content comes
from ``app.findings.report``; ``pdf.py`` writes it as a PDF, offscreen; ``cli.py`` is
``main.py report`` on the server's database."""
