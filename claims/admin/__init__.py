from . import claims, sources  # noqa: F401  (registers the ModelAdmins)
