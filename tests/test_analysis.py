from sitroom.analysis import merge_relations
from sitroom.model import Evidence, Relation


def _rel(source: str, target: str, doc: str) -> Relation:
    return Relation(source, "backs", target, (doc,), Evidence(doc, 0, 10, f"{source} backs {target}"))


def test_analysis_merge_relations_lists_every_stating_document_once_with_the_first_evidence() -> None:
    stated = [_rel("Iran", "Hezbollah", f"d{n % 7}.txt#1") for n in range(3000, 0, -1)]
    merged = merge_relations([_rel("Russia", "Wagner Group", "z.txt#1"), *stated, _rel("Iran", "Houthis", "b.txt#1")])
    assert [(r.source, r.target) for r in merged] == [("Iran", "Hezbollah"), ("Iran", "Houthis"), ("Russia", "Wagner Group")]
    assert merged[0].docs == tuple(f"d{n}.txt#1" for n in range(7))
    assert merged[0].evidence == stated[0].evidence
    assert merged[1] == _rel("Iran", "Houthis", "b.txt#1")  # stated once: kept as it is
