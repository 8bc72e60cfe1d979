"""执法文书 numbers under concurrency (PostgreSQL): threads with their own connections take numbers of one kind and
year at the same moment; none is given twice. Like tests/core/test_sequences.py it runs outside a test transaction
(the counter commits on its own connection) and removes its counter afterwards, instead of a transactional test,
whose flush would empty the demo database for the tests that follow in the same worker."""

from concurrency import in_threads, postgres_only
from yingji.core.models import DailySequence
from yingji.enforcement import documents
from yingji.enforcement.choices import DOCUMENT_PREFIX, DocumentKind


def test_document_numbers_are_unique_under_concurrency(django_db_blocker):
    with django_db_blocker.unblock():
        postgres_only("concurrent document numbers")
        results: list[int] = []
        try:
            in_threads([lambda: results.append(documents.next_serial(DocumentKind.DECISION, 2040)) for _ in range(8)])
            assert sorted(results) == list(range(1, 9))
        finally:
            DailySequence.objects.filter(prefix=DOCUMENT_PREFIX[DocumentKind.DECISION][1], day__year=2040).delete()
