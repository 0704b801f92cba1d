"""Write the hostile input corpus into a folder (generated at test time, never committed)."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_TEXT = (
    "Shelling hits market town\n\n"
    "Artillery fire struck the central market of a frontline town on Tuesday morning, killing three "
    "civilians and wounding eleven, the regional governor said. The army blamed the attack on separatist "
    "forces, who denied firing at the town. Residents said the shelling lasted for an hour.\n"
)
GOOD_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Protest in the capital</title></head>"
    "<body><article><h1>Protest in the capital</h1>"
    "<p>Thousands of protesters gathered outside the parliament on Friday demanding the release of "
    "detained journalists, witnesses said.</p><p>Police used tear gas and water cannon to disperse the "
    "crowd, and at least twenty people were arrested, a rights group said on Saturday.</p>"
    "</article></body></html>"
)
ARABIC = "قصفت المدفعية سوق المدينة صباح الثلاثاء مما أسفر عن مقتل ثلاثة مدنيين وإصابة أحد عشر آخرين. " * 4
LATIN1 = "Les forces de sécurité ont arrêté vingt manifestants à Tripoli vendredi, a déclaré un témoin. " * 4

# File name -> expected rejection severity ("error"; "warning" when the file is read but yields nothing).
# Files not listed here are good and must be stored.
GOOD_FILES = ("good.txt", "good.html", "arabic_cp1256.txt", "latin1.txt", "nested.html",
              "truncated.html", "script.html", "ragged.csv", "mixed.warc.gz", "records.jsonl")


def write_corpus(root: Path, big_mb: float = 3.0) -> dict[str, str]:
    """Write every hostile case into ``root``; return {file name: what the case is}."""
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}
    for name, (data, what) in _files(big_mb).items():
        (root / name).write_bytes(data)
        cases[name] = what
    loop = root / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")  # a folder that contains itself
    cases["loop"] = "symlink loop"
    return cases


def _files(big_mb: float) -> dict[str, tuple[bytes, str]]:
    html = GOOD_HTML.encode("utf-8")
    return {
        "good.txt": (GOOD_TEXT.encode("utf-8"), "good plain text"),
        "good.html": (html, "good HTML page"),
        "empty.txt": (b"", "empty text file"),
        "empty.html": (b"", "empty HTML file"),
        "binary.txt": (bytes(range(256)) * 64, "binary bytes named .txt"),
        "binary.html": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 32, "PNG bytes named .html"),
        "invalid_utf8.txt": (b"\xff\xfe\xfa" * 50 + b"\x00\x81\x8d" * 200, "undecodable bytes"),
        "arabic_cp1256.txt": (("\u0627\u0644\u062e\u0628\u0631\n\n" + ARABIC).encode("cp1256"), "cp1256 Arabic"),
        "latin1.txt": (("Tripoli\n\n" + LATIN1).encode("latin-1"), "latin-1 French"),
        "big.txt": ((GOOD_TEXT * (int(big_mb * 2**20) // len(GOOD_TEXT) + 1)).encode("utf-8"), "over max_file_mb"),
        "nested.html": (_nested(5000), "5,000 nested divs"),
        "truncated.html": (html[: len(html) * 2 // 3], "HTML cut mid-element"),
        "script.html": (_script_page(), "HTML with <script> payloads"),
        "truncated.warc.gz": (_warc([("text/html", html)])[:300], "truncated WARC gzip"),
        "truncated.txt.gz": (gzip.compress(GOOD_TEXT.encode("utf-8") * 20)[:120], "truncated gzip"),
        "mixed.warc.gz": (_warc([("text/html", html.replace(b"Saturday", b"Sunday")),
                                 ("image/jpeg", b"\xff\xd8\xff" + b"\0" * 64),
                                 ("application/json", b'{"a": 1}')]), "WARC with non-HTML records"),
        "records.jsonl": (_jsonl(), "JSONL with broken lines and wrong types"),
        "ragged.csv": (_csv(), "CSV with BOM and ragged rows"),
        "bomb.rss": (_bomb(), "XML entity-expansion bomb"),
        "unreadable.txt": (GOOD_TEXT.encode("utf-8"), "unreadable (permission denied)"),
    }


def _nested(depth: int) -> bytes:
    body = "<div>" * depth + "<p>" + GOOD_TEXT.replace("\n", " ") + "</p>" + "</div>" * depth
    return f"<html><head><title>Deep page</title></head><body>{body}</body></html>".encode("utf-8")


def _script_page() -> bytes:
    payload = "<script>document.write('<p>' + 'injected '.repeat(500) + '</p>');alert(1)</script>"
    return GOOD_HTML.replace("<article>", payload + "<article>" + payload).encode("utf-8")


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for k, (ctype, body) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://example.org/{k}", "response",
                                           payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return buf.getvalue()


def _jsonl() -> bytes:
    lines = [
        json.dumps({"id": "a1", "title": "Clashes near the border", "text": GOOD_TEXT.replace("hour", "day")}),
        '{"id": "a2", "text": "cut off mid',
        json.dumps({"id": 7, "text": ["not", "a", "string"]}),
        json.dumps([1, 2, 3]),
        "null",
        json.dumps({"id": "a3", "title": "Protest in the capital", "text": GOOD_HTML.replace("twenty", "thirty")}),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv() -> bytes:
    body = GOOD_TEXT.replace("\n", " ").replace('"', "'")
    rows = ["id,title,text", f'c1,Shelling hits market town,"{body}"', "c2,only two", f'c3,x,"{body}",extra,cols']
    return "\ufeff".encode("utf-8") + ("\r\n".join(rows) + "\r\n").encode("utf-8")


def _bomb() -> bytes:
    ents = ['<!ENTITY a0 "boom">'] + [f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(ents) + ']>\n<rss version="2.0"><channel>'
            "<title>t</title><item><title>&a9;</title><description>&a9;</description></item>"
            "</channel></rss>").encode("utf-8")
