from . import claims, evidence, sources  # noqa: F401  (registers the ModelAdmins)
