from . import test_jobs_note, test_jobs_wizard  # noqa: F401
