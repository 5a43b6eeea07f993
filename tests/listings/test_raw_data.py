"""The raw listing file ships unmodified: its checksum is the one recorded in its README."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.listings import RAW_CSV

SHA256 = "7c640ddbbda027d720ff4c2d91769af613cc996e681621be467f5a620dbebc96"


def test_raw_file_is_unmodified() -> None:
    assert hashlib.sha256(RAW_CSV.read_bytes()).hexdigest() == SHA256
    assert RAW_CSV.stat().st_size == 2_730_560


def test_readme_records_the_checksum_and_provenance() -> None:
    text = (Path(RAW_CSV).parent / "README.md").read_text(encoding="utf-8")
    assert SHA256 in text and "GB18030" in text and "667e9d5ef4c7ea4e83327c8f8e4232b8283b1c16" in text
    assert "licence" in text.lower()
