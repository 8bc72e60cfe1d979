import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.core import extensions as ext

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def provider():
    """provider(code, compute): replaces the provider registered for `code` (compute None: none) for one test."""
    saved = {}

    def install(code, compute):
        saved.setdefault(code, ext.INDICATORS.get(code))
        ext.INDICATORS.remove(code)
        if compute is not None:
            ext.INDICATORS.add(ext.Indicator(code, "test", "", "%", "", "", compute))

    yield install
    for code, entry in saved.items():
        ext.INDICATORS.remove(code)
        if entry is not None:
            ext.INDICATORS.add(entry)


@pytest.fixture
def evidence():
    return lambda: SimpleUploadedFile("统计公报.pdf", PDF, content_type="application/pdf")
