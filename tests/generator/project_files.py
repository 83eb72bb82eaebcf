"""The smallest valid project file, for tests that change one thing in it."""

MINIMAL = """\
format = 1
[company]
legal_name = "Acme Telecom"
address = "1 Main Street"
country = "United States"
privacy_email = "privacy@acme.example"
[policy]
effective_date = 2026-01-01
"""
