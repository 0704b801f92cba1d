"""Trigger recall on PLOVER gold sentences (shared/eval/ext/plover_gsr), per PLOVER event type.

PLOVER types that correspond to ACLED are mapped to the ACLED event types that may code them;
a sentence counts as found when the extractor's triggers and filters yield one of those types.
Types with no ACLED counterpart report how often the extractor still fires (false alarms).
Run: python tools/eval_plover.py [PATH]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitroom.events.codebook import event_type_of  # noqa: E402
from sitroom.events.extract import sentence_sub_types  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "ext" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ACLED_FOR = {
    "ASSAULT": VIOLENT,
    "FIGHT": VIOLENT,
    "PROTEST": {"Protests", "Riots"},
    "COERCE": {"Strategic developments", "Violence against civilians"},
    "MOBILIZE": {"Strategic developments"},
    "RETREAT": {"Strategic developments"},
    "CONSULT": {"Strategic developments"},
    "AGREE": {"Strategic developments"},
}


def score(path: Path) -> list[str]:
    """Report lines: recall per mapped type, false-alarm rate per unmapped type, then totals."""
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    found, total, alarms = Counter[str](), Counter[str](), Counter[str]()
    for record in records:
        kind = record["event"]
        types = {event_type_of(sub) for sub in sentence_sub_types(record["text"])}
        total[kind] += 1
        if kind in ACLED_FOR:
            found[kind] += bool(types & ACLED_FOR[kind])
        else:
            alarms[kind] += bool(types)
    lines = [f"{k}: recall {found[k] / total[k]:.2f} ({found[k]}/{total[k]})" for k in sorted(ACLED_FOR) if total[k]]
    lines += [f"{k}: fires on {alarms[k]}/{total[k]} (no ACLED type)" for k in sorted(total) if k not in ACLED_FOR]
    mapped = sum(total[k] for k in ACLED_FOR)
    other = sum(total[k] for k in total if k not in ACLED_FOR)
    lines.append(f"plover: recall {sum(found.values()) / max(mapped, 1):.2f} over {mapped} mapped sentences; "
                 f"false alarms {sum(alarms.values()) / max(other, 1):.2f} over {other} others")
    return lines


if __name__ == "__main__":
    print("\n".join(score(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)))
