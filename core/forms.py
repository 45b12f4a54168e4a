from django.core.exceptions import ValidationError


def apply_validation_error(form, exc: ValidationError):
    """Show a service's ValidationError on a form: per field where the form has that field, else on top."""
    from .concurrency import StaleEdit

    if isinstance(exc, StaleEdit):
        form.add_error(None, exc)  # a GuardedForm moves its hidden version on
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
