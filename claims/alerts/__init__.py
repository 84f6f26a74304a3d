"""Follow and alerts, a way out for readers and partner newsrooms: readers follow a claim, a
claimant, a topic or a saved search by e-mail (double opt-in), partners register signed
webhooks, and what changes in public reaches them, grouped and held long enough for an undo
to send nothing. The work runs as tasks (Django's tasks API, the django-tasks backport)."""
