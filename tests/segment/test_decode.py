"""Bytes to text: BOMs, legacy code pages, newlines, binary input."""

from __future__ import annotations

import codecs

import pytest

from sitroom.errors import InputError
from sitroom.segment.decode import decode

ARABIC = "قالت وزارة الدفاع إن قواتها استعادت السيطرة على المدينة بعد معارك عنيفة مع الفصائل المسلحة في الريف الشمالي."
FRENCH = "Les rebelles sont entrés dans la banlieue de la ville, selon des sources. Le régime a démenti à Zürich."


def test_decode_utf8_bom_is_removed() -> None:
    assert decode(codecs.BOM_UTF8 + ARABIC.encode("utf-8")) == ARABIC


def test_decode_utf16_bom() -> None:
    assert decode(codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le")) == FRENCH


def test_decode_cp1256_arabic() -> None:
    assert decode(ARABIC.encode("cp1256")) == ARABIC


def test_decode_latin1_prefers_western_code_page_on_ties() -> None:
    assert decode(FRENCH.encode("latin-1")) == FRENCH


def test_decode_declared_charset_is_used() -> None:
    assert decode(FRENCH.encode("latin-1"), declared="iso-8859-1") == FRENCH


def test_decode_normalises_newlines() -> None:
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_decode_binary_raises_input_error_with_path() -> None:
    with pytest.raises(InputError) as info:
        decode(bytes(range(256)) * 20, path="/in/photo.jpg")
    assert info.value.path == "/in/photo.jpg"


def test_decode_utf8_with_one_damaged_byte_stays_utf8() -> None:
    data = ("Résumé of the day: " + ARABIC).encode("utf-8") + b"\xff" + " déjà vu".encode("utf-8")
    text = decode(data)
    assert text.startswith("Résumé of the day: ") and ARABIC in text and text.endswith("\ufffd déjà vu")
