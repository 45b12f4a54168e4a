from .concurrency import SubmittedForm  # noqa: F401  (one-time keys of create forms)
