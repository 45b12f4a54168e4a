"""System check: PDF output needs a serif font with Vietnamese glyphs."""

from django.core import checks

from documents import nd30


@checks.register()
def pdf_font_check(app_configs=None, **kwargs):
    found = nd30.find_pdf_fonts()
    if found is None:
        return [checks.Error(nd30.FONT_MISSING_MESSAGE, id="documents.E001")]
    if found[2]:
        return [checks.Warning(nd30.FONT_FALLBACK_MESSAGE, id="documents.W001")]
    return []
