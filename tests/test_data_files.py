"""Files shipped as they came stay byte for byte as they came (the checksums are in their READMEs)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECKSUMS = {
    "data/articles/2015-11-14_tencent_jumei_cross_border.txt": "b174166aef96a5af2211034a3f1d018e72b37dc4b078db372f458b41d37c3e89",
    "data/raw/taobao_cosmetics_2016/双十一淘宝美妆数据.csv": "7c640ddbbda027d720ff4c2d91769af613cc996e681621be467f5a620dbebc96",
}


@pytest.mark.parametrize("rel", sorted(CHECKSUMS))
def test_raw_files_are_unmodified(rel):
    assert hashlib.sha256((ROOT / rel).read_bytes()).hexdigest() == CHECKSUMS[rel]
