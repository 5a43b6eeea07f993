"""Numbers in Chinese text: every numeric expression with its value, bounds, qualifier and unit.

cn2an converts the numeral itself (一万五千, 两万, 1.5万); this module adds what it
lacks: finding the expressions in running text, the approximate forms (近万, 上百,
超过10万, 一万多, 十几, 几万, 七八成, 三四线), percentages (%, 百分之…, 成), ranges
(3-5, 三到五), ordinals (第一) and dates (2015年, 11月14日), the unit or measure word
that follows, and the words that contain numerals but are not numbers (双十一, 一直,
统一, 进一步 …).

Conventions (documented here once; :func:`reading` writes them out in words):

* ``value`` is in base units: 912亿 -> 9.12e10, 1万 -> 1e4; shares are fractions
  (百分之百 -> 1.0, 七八成 -> 0.75) whatever the unit they were written in (``%`` for
  百分之 and %, ``share`` for 成): show them with :func:`reading` ("100%"), never raw.
* ``low``/``high`` bound the amount the text allows. They equal ``value`` when the
  number is exact or only hedged (``approx``: 约, 左右; the hedge is recorded, no band
  is invented). A side the text leaves open is ±inf: 超过10万 -> high = inf,
  不到10万 -> low = -inf.
* 近, 将近, 接近, 逼近 N ("nearly N", qualifier ``nearly``) say the amount is just under
  N: high = N and low = ``near_low`` × N, with ``near_low`` = :data:`NEAR_LOW` = 0.9 by
  default. The 0.9 is this project's reading convention, not a dictionary definition
  (the dictionaries say only "close to"); pass another ``near_low`` to test a reading
  that depends on it.
* 几 and 数 (几万, 数百) are "more than one and less than ten", i.e. 2..9, as the
  Xiandai Hanyu Cidian defines 几; 十几 -> 12..19.
* 多/余 after a number (一万多, 十多) or after a measure word (1年多) mark a remainder
  (零头, Xiandai Hanyu Cidian, 多 as used after a numeral-classifier): more than n, by less
  than one unit of its last digit or of the measure word. 一万多 -> 1e4..2e4 and
  1年多 -> 1..2 years (strictly between; the bounds are kept as the closed interval),
  qualifier ``at_least``.
* ``value`` of a bounded range is its midpoint; of a one-sided bound and of ``nearly``,
  the stated figure.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from helpers import validation
from helpers.errors import ParameterError
from helpers.text.sentences import SentenceIndex

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "KINDS",
    "NEAR_LOW",
    "QUALIFIERS",
    "UNIT_WORDS",
    "Number",
    "extract_numbers",
    "parse_number",
    "reading",
    "readings",
    "scan",
]

#: Columns of :func:`extract_numbers`, in order.
COLUMNS = ("span", "start", "end", "value", "low", "high", "qualifier", "unit", "sentence", "kind", "date")
#: Qualifiers.
QUALIFIERS = ("exact", "approx", "nearly", "at_least", "at_most", "range")
#: Default lower bound of "nearly N" (近, 将近, 接近, 逼近) as a share of N: a reading convention.
NEAR_LOW = 0.9
#: Kinds of numeric expression.
KINDS = ("quantity", "share", "ordinal", "date")

_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖几"
_MAGS = "十百千万亿拾佰仟"
_MAG_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "亿": 10**8}
_AR = r"[0-9０-９]+(?:,[0-9]{3})*(?![0-9])(?:[.．][0-9０-９]+)?"
# a magnitude char that starts a unit (千克, 百分点, 千瓦) is not part of the number
_MAG_NOT_UNIT = rf"(?:[{_MAGS}](?!克|米|瓦|分点|分之))"
_CORE = (
    rf"(?:{_AR}{_MAG_NOT_UNIT}*"
    rf"|(?:数(?=[十百千万亿]))?(?:[{_DIGITS}]|{_MAG_NOT_UNIT})+(?:点[零〇一二三四五六七八九]+)?)"
    rf"(?:[多余]{_MAG_NOT_UNIT}*)?"
)
_NUM_RE = re.compile(
    rf"(?P<pct_cn>百分之|千分之)(?P<pcore>{_CORE})"
    rf"|(?P<pct_full>百分百)"
    rf"|(?P<core>{_CORE})(?:(?P<pct1>[%％])?(?P<sep>[-~～—–至到])(?P<core2>{_CORE}))?"
)

_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE_RE = re.compile(
    rf"(?P<y>(?<![0-9])[12][0-9]{{3}}|[零〇一二三四五六七八九]{{4}})年(?:(?P<m>{_MON})月(?:(?P<d>{_DAY})[日号])?)?"
    rf"|(?<![0-9])(?P<y2>[12][0-9]{{3}})[-/.](?P<m2>1[0-2]|0?[1-9])[-/.](?P<d2>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    rf"|(?<![0-9零〇一二三四五六七八九十])(?P<m3>{_MON})月(?:(?P<d3>{_DAY})[日号])?"
    rf"|(?<![0-9月])(?P<d4>3[01]|[12][0-9]|0?[1-9])日"
)

_PREFIX = {
    # at least
    "超过": "at_least",
    "超出": "at_least",
    "多于": "at_least",
    "高于": "at_least",
    "大于": "at_least",
    "至少": "at_least",
    "最少": "at_least",
    "不少于": "at_least",
    "不低于": "at_least",
    "不止": "at_least",
    "逾": "at_least",
    "超": "at_least",
    # at most
    "不超过": "at_most",
    "不到": "at_most",
    "不足": "at_most",
    "少于": "at_most",
    "低于": "at_most",
    "小于": "at_most",
    "至多": "at_most",
    "最多": "at_most",
    # nearly (just under)
    "将近": "nearly",
    "接近": "nearly",
    "逼近": "nearly",
    "近": "nearly",
    # approximately
    "约": "approx",
    "大约": "approx",
    "大概": "approx",
    "约为": "approx",
    "约合": "approx",
    "大致": "approx",
    "差不多": "approx",
    "估计": "approx",
    # words ending in one of the characters above that are not qualifiers
    "最近": None,
    "附近": None,
    "签约": None,
    "预约": None,
    "合约": None,
    "条约": None,
    "节约": None,
    "公约": None,
    "违约": None,
    "履约": None,
    "邀约": None,
}
_PREFIX_MAG_ONLY = {"上": "at_least", "过": "at_least"}  # 上百, 过亿: only before a bare magnitude
_SUFFIX = {
    "以上": "at_least",
    "有余": "at_least",
    "开外": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "之内": "at_most",
    "左右": "approx",
    "上下": "approx",
    "前后": "approx",
    # "or (even) more / less" after the number: 七八成甚至更多 = 70-80% or even more
    "甚至更多": "at_least",
    "或者更多": "at_least",
    "乃至更多": "at_least",
    "或更多": "at_least",
    "或以上": "at_least",
    "甚至更少": "at_most",
    "或者更少": "at_most",
    "或更少": "at_most",
    "或以下": "at_most",
}
_UNITS = (
    "个百分点",
    "元人民币",
    "人民币",
    "美元",
    "港元",
    "港币",
    "欧元",
    "日元",
    "韩元",
    "英镑",
    "块钱",
    "元",
    "块",
    "个月",
    "小时",
    "分钟",
    "秒钟",
    "季度",
    "星期",
    "人次",
    "平方米",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "平米",
    "公斤",
    "千克",
    "毫升",
    "个",
    "次",
    "封",
    "家",
    "款",
    "种",
    "件",
    "位",
    "名",
    "人",
    "只",
    "条",
    "台",
    "部",
    "辆",
    "架",
    "场",
    "批",
    "单",
    "笔",
    "项",
    "份",
    "套",
    "箱",
    "包",
    "瓶",
    "盒",
    "支",
    "片",
    "张",
    "篇",
    "期",
    "届",
    "轮",
    "所",
    "座",
    "间",
    "层",
    "线",
    "倍",
    "成",
    "岁",
    "年",
    "月",
    "天",
    "周",
    "秒",
    "米",
    "亩",
    "克",
    "吨",
    "斤",
    "升",
    "国",
    "省",
    "码",
)
_UNIT_RE = re.compile("|".join(sorted(_UNITS, key=lambda u: (-len(u), u))))
_PLUS_AFTER_UNIT = {"年", "个月", "月", "天", "周", "星期", "小时", "分钟", "秒", "倍", "岁"}
_NOT_SHARE_AFTER_CHENG = set("为本功立交员果绩长熟都型品效")
_EXCLUDE = (
    "双十一",
    "双十二",
    "双11",
    "双12",
    "一带一路",
    "一成不变",
    "成千上万",
    "千方百计",
    "三心二意",
    "乱七八糟",
    "七上八下",
    "九牛一毛",
    "十全十美",
    "一模一样",
    "独一无二",
    "一心一意",
    "一举两得",
    "一如既往",
    "一目了然",
    "一席之地",
    "第一时间",
    "竹篮打水一场空",
    "一场空",
    "一口气",
    "一方面",
    "一系列",
    "一揽子",
    "一站式",
    "一体化",
    "进一步",
    "一直",
    "一向",
    "一样",
    "一般",
    "一定",
    "一起",
    "一旦",
    "一切",
    "一些",
    "一点",
    "一致",
    "一时",
    "一度",
    "一同",
    "一律",
    "一再",
    "一味",
    "一贯",
    "一下",
    "一会",
    "一边",
    "一面",
    "一道",
    "一流",
    "一体",
    "一举",
    "一连",
    "一一",
    "一路",
    "一半",
    "一番",
    "一阵",
    "一概",
    "一并",
    "一经",
    "一齐",
    "一刻",
    "一眼",
    "一手",
    "一生",
    "统一",
    "唯一",
    "之一",
    "万一",
    "单一",
    "同一",
    "专一",
    "不一",
    "十分",
    "万分",
    "千万",
    "百货",
    "百姓",
    "两者",
    "两边",
    "两岸",
    "第三方",
    "万万",
)
_EXCLUDE_RE = re.compile("|".join(sorted(_EXCLUDE, key=lambda w: (-len(w), w))))


@dataclass(frozen=True)
class Number:
    """One numeric expression (see the module docstring for the conventions).

    Attributes
    ----------
    span : str
        The exact text, qualifier words and unit included.
    start, end : int
        Character offsets in the text (end exclusive).
    value, low, high : float
        Point estimate and bounds in base units (NaN for dates).
    qualifier : str
        One of :data:`QUALIFIERS`.
    unit : str
        Measure word or currency that follows ('' if none), '%' / '‰' for
        percentages, 'share' for 成, 'date' for dates.
    kind : str
        One of :data:`KINDS`.
    date : str
        ISO 8601 form of a date ('2015', '2015-11-11', '--11-14'); '' otherwise.
    precision : float
        Place value of the last written digit (912亿 -> 1e8, 1.5万 -> 1e3), for
        judging whether a figure rounds to another.
    """

    span: str
    start: int
    end: int
    value: float
    low: float
    high: float
    qualifier: str
    unit: str
    kind: str
    date: str
    precision: float


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@lru_cache(maxsize=4096)
def _numeral(s: str) -> tuple[float, float] | None:
    """(value, precision) of a numeral without 几/多/ranges; None if it is not one."""
    import cn2an

    s = _nfkc(s)
    if not s:
        return None
    if all(c in _MAGS for c in s):
        s = "一" + s
    m = re.fullmatch(r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)([" + _MAGS + "]*)", s)
    if m:
        digits = m.group(1).replace(",", "")
        mult = math.prod(_MAG_VALUE[c] for c in m.group(2)) if m.group(2) else 1
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        return float(digits) * mult, 10.0**-decimals * mult
    try:
        value = float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if value == int(value) and value != 0:
        n, tz = int(value), 0
        while n % 10 == 0:
            n //= 10
            tz += 1
        precision = 10.0**tz
    else:
        decimals = len(s.split("点")[1]) if "点" in s else 0
        precision = 10.0**-decimals
    return value, precision


_PAIR = re.compile("([一二三四五六七八九])([二三四五六七八九])")
_CN_VAL = {c: i for i, c in enumerate("零一二三四五六七八九")}


@lru_cache(maxsize=4096)
def _core(s: str) -> tuple[float, float, str, float] | None:
    """(low, high, base qualifier, precision) of a number core; None if it is not a number."""
    s = _nfkc(s)
    plus_mult = None
    m = re.fullmatch(rf"(.+?)[多余]([{_MAGS}]*)", s)
    if m:
        s = m.group(1)
        plus_mult = math.prod(_MAG_VALUE[c] for c in m.group(2)) if m.group(2) else 1
    if s.startswith("数"):
        s = "几" + s[1:]
    lo_s = hi_s = s
    base = "exact"
    if "几" in s:
        lo_s, hi_s, base = s.replace("几", "二"), s.replace("几", "九"), "range"
    else:
        pair = _PAIR.search(s)
        if pair and _CN_VAL[pair.group(2)] == _CN_VAL[pair.group(1)] + 1:
            a, b = pair.span()
            lo_s, hi_s, base = s[:a] + pair.group(1) + s[b:], s[:a] + pair.group(2) + s[b:], "range"
    lo, hi = _numeral(lo_s), _numeral(hi_s)
    if lo is None or hi is None:
        return None
    precision = lo[1]
    if plus_mult is not None:
        # 多/余 before the unit: less than one unit of the last non-zero digit more (十多 -> 10..20)
        step = _digit_step(hi[0]) if hi[0] == int(hi[0]) else hi[1]
        return lo[0] * plus_mult, (hi[0] + step) * plus_mult, "at_least", precision * plus_mult
    return lo[0], hi[0], base, precision


def _digit_step(n: float) -> float:
    """Place value of the last non-zero digit of a whole number (120 -> 10, 10000 -> 10000)."""
    k, step = int(n), 1.0
    while k and k % 10 == 0:
        k //= 10
        step *= 10
    return step


def _iso_date(m: re.Match[str]) -> str | None:
    def num(x: str | None) -> int | None:
        if x is None:
            return None
        got = _numeral(x) if not re.fullmatch(r"[零〇一二三四五六七八九]{4}", x) else None
        if got is None and x is not None:  # 二〇一五: digit by digit
            try:
                return int("".join(str(_CN_VAL.get(c, 0 if c == "〇" else -99)) for c in x))
            except ValueError:
                return None
        return int(got[0]) if got else None

    y = num(m.group("y") or m.group("y2"))
    mo = num(m.group("m") or m.group("m2") or m.group("m3"))
    d = num(m.group("d") or m.group("d2") or m.group("d3") or m.group("d4"))
    if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
        return None
    if y is not None and (y < 1000 or y > 2999):
        return None
    if y is not None:
        return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if d else "")
    if mo is not None:
        return f"--{mo:02d}" + (f"-{d:02d}" if d else "")
    return f"---{d:02d}"


def _prefix(text: str, start: int, mag_only: bool) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        if start - n < 0:
            continue
        word = text[start - n : start]
        if word in _PREFIX:
            q = _PREFIX[word]
            return (q, start - n) if q else (None, start)
    if mag_only and start >= 1 and text[start - 1] in _PREFIX_MAG_ONLY:
        return _PREFIX_MAG_ONLY[text[start - 1]], start - 1
    return None, start


def scan(text: str, near_low: float = NEAR_LOW) -> list[Number]:
    """Every numeric expression in ``text`` as :class:`Number` objects, in text order.

    The engine behind :func:`extract_numbers` and :func:`parse_number`, for callers that
    want the objects (with ``precision``) rather than a table.

    Parameters
    ----------
    text : str
        Chinese text.
    near_low : float
        Lower bound of "nearly N" as a share of N, in (0, 1]; default :data:`NEAR_LOW`.

    Returns
    -------
    list of Number
        Sorted by start offset.

    Examples
    --------
    >>> [(n.span, n.low, n.high, n.qualifier) for n in scan("邮件近万封")]
    [('近万封', 9000.0, 10000.0, 'nearly')]
    """
    validation.number(near_low, "near_low", low=0, high=1, low_open=True)
    out: list[Number] = []
    dates = []
    for m in _DATE_RE.finditer(text):
        iso = _iso_date(m)
        if iso:
            dates.append((m.start(), m.end()))
            out.append(Number(m.group(), m.start(), m.end(), *(math.nan,) * 3, "exact", "date", "date", iso, math.nan))
    date_starts = [a for a, _ in dates]
    excl = [(m.start(), m.end()) for m in _EXCLUDE_RE.finditer(text)]
    excl_starts = [a for a, _ in excl]

    def inside(spans: list[tuple[int, int]], starts: list[int], a: int, b: int, overlap: bool) -> bool:
        # spans come from one finditer: sorted and pairwise disjoint
        if overlap:  # does any span overlap [a, b)?
            k = bisect.bisect_left(starts, b) - 1
            return k >= 0 and spans[k][1] > a
        k = bisect.bisect_right(starts, a) - 1  # does a span contain [a, b)?
        return k >= 0 and spans[k][1] >= b

    for m in _NUM_RE.finditer(text):
        if m.group("pct_full"):
            a, b = m.span()
            if inside(excl, excl_starts, a, b, False) or inside(dates, date_starts, a, b, True):
                continue
            lo = hi = 100.0
            base, prec, scale, unit, kind, core_a, core_b = "exact", 1.0, 100.0, "%", "share", a, b
            is_mag_only = False
        else:
            core = m.group("pcore") or m.group("core")
            core_a = m.start("pcore") if m.group("pcore") else m.start("core")
            core_b = core_a + len(core)
            parsed = _core(core)
            if parsed is None:
                continue
            lo, hi, base, prec = parsed
            b = m.end()
            if m.group("core2"):
                other = _core(m.group("core2"))
                if other is None or other[1] < lo:
                    b = core_b
                else:
                    hi, base = other[1], "range"
            a = m.start()
            if inside(excl, excl_starts, core_a, core_b, False) or inside(dates, date_starts, a, b, True):
                continue
            is_mag_only = all(c in "百千万亿佰仟" for c in core)
            unit, kind, scale = "", "quantity", 1.0  # scale: divisor
            if m.group("pct_cn"):
                scale, unit, kind = (100.0, "%", "share") if m.group("pct_cn") == "百分之" else (1000.0, "‰", "share")
        pre_q, pre_a = _prefix(text, a, is_mag_only)
        ordinal = kind == "quantity" and a >= 1 and text[a - 1] == "第"
        if ordinal:
            pre_q, pre_a = None, a - 1
        # after the number: %, unit, 多 after a time unit, qualifier suffix
        pos = b
        if kind == "quantity" and pos < len(text) and text[pos] in "%％":
            scale, unit, kind, pos = 100.0, "%", "share", pos + 1
        elif kind == "quantity":
            um = _UNIT_RE.match(text, pos)
            if um:
                u = um.group()
                if u == "成":
                    nxt = text[um.end() : um.end() + 1]
                    if hi <= 10 and nxt not in _NOT_SHARE_AFTER_CHENG and not ordinal:
                        scale, unit, kind, pos = 10.0, "share", "share", um.end()
                else:
                    unit, pos = u, um.end()
                    # 多 after the unit: less than one unit more (1年多 -> 1..2 years)
                    one = 1.0 if hi == int(hi) else prec
                    if u in _PLUS_AFTER_UNIT and text[pos : pos + 1] in ("多", "余") and base == "exact":
                        lo, hi, base = lo, hi + one, "at_least"
                        pos += 1
                    elif u == "个" and text[pos : pos + 2] == "多月" and base == "exact":
                        unit, lo, hi, base, pos = "个月", lo, hi + one, "at_least", pos + 2
        suf_q = None
        for n in (4, 3, 2):
            word = text[pos : pos + n]
            if len(word) == n and word in _SUFFIX:
                suf_q, pos = _SUFFIX[word], pos + n
                break
        # a Chinese numeral standing alone must look like a number
        arabic = bool(re.search(r"[0-9０-９]", text[core_a:core_b]))
        if not arabic and not m.group("pct_full") and not ordinal and kind == "quantity" and not unit:
            has_digit = any(c in _DIGITS or c in "十拾" for c in text[core_a:core_b]) or text[core_a] == "数"
            has_mag = any(c in _MAGS for c in text[core_a:core_b])
            if not (pre_q or suf_q) and not (has_digit and has_mag):
                continue
        if is_mag_only and not pre_q and not (kind == "share"):
            continue
        lo, hi, prec = lo / scale, hi / scale, prec / scale
        qualifiers = [q for q in (pre_q, suf_q) if q]
        one_sided = [q for q in qualifiers if q in ("at_least", "at_most")]
        if one_sided and one_sided[0] == "at_least":
            qualifier, value, low, high = "at_least", lo, lo, math.inf
        elif one_sided:
            qualifier, value, low, high = "at_most", hi, -math.inf, hi
        elif "nearly" in qualifiers:
            qualifier, value, low, high = "nearly", hi, near_low * hi, hi
        elif base in ("range", "at_least"):
            qualifier, value, low, high = base, (lo + hi) / 2, lo, hi
        else:
            qualifier, value, low, high = ("approx" if qualifiers else "exact"), lo, lo, lo
        if unit == "share":  # a share written in 成 is a part of a whole: it lies in [0, 100%]
            low, high = max(low, 0.0), min(high, 1.0)
        if ordinal:
            kind = "ordinal"
        out.append(Number(text[pre_a:pos], pre_a, pos, value, low, high, qualifier, unit, kind, "", prec))
    out.sort(key=lambda n: (n.start, n.end))
    return out


def extract_numbers(text: str, near_low: float = NEAR_LOW) -> pd.DataFrame:
    """Every numeric expression in a Chinese text, one row each.

    Parameters
    ----------
    text : str
        Text (offsets refer to it as given).
    near_low : float
        Lower bound of "nearly N" as a share of N (module docstring); default :data:`NEAR_LOW`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``span`` (exact text, qualifier words and unit
        included), ``start``/``end`` (character offsets, end exclusive), ``value``,
        ``low``, ``high`` (base units; shares as fractions; ±inf for a side the text
        leaves open; NaN for dates), ``qualifier`` (one of :data:`QUALIFIERS`),
        ``unit`` (measure word or currency that follows, '' if none, '%' or
        'share' for shares, 'date' for dates), ``sentence``, ``kind``
        (quantity / share / ordinal / date) and ``date`` (ISO 8601 form of a date).
        Sorted by position.

    References
    ----------
    cn2an 0.5 (Ailln) for numerals; Xiandai Hanyu Cidian for 几 (2..9).

    Examples
    --------
    >>> df = extract_numbers("在912亿销售额中，聚美的销量也有百分之百以上的增长，七八成不被需要。")
    >>> df[["span", "value", "low", "high", "qualifier", "unit"]].values.tolist()
    [['912亿', 91200000000.0, 91200000000.0, 91200000000.0, 'exact', ''], \
['百分之百以上', 1.0, 1.0, inf, 'at_least', '%'], ['七八成', 0.75, 0.7, 0.8, 'range', 'share']]
    """
    import pandas as pd

    if not isinstance(text, str):
        raise ParameterError(f"text must be a str, got {type(text).__name__}")
    found = scan(text, near_low)
    idx = SentenceIndex(text)
    frame = pd.DataFrame(
        {
            "span": [n.span for n in found],
            "start": pd.array([n.start for n in found], dtype="int64"),
            "end": pd.array([n.end for n in found], dtype="int64"),
            "value": pd.array([n.value for n in found], dtype="float64"),
            "low": pd.array([n.low for n in found], dtype="float64"),
            "high": pd.array([n.high for n in found], dtype="float64"),
            "qualifier": [n.qualifier for n in found],
            "unit": [n.unit for n in found],
            "sentence": [idx.sentence_at(n.start) for n in found],
            "kind": [n.kind for n in found],
            "date": [n.date for n in found],
        },
        columns=list(COLUMNS),
    )
    return frame


def parse_number(expr: str, near_low: float = NEAR_LOW) -> Number:
    """Read one numeric expression (the whole string must be one).

    Parameters
    ----------
    expr : str
        E.g. ``"超过10万个"``, ``"七八成"``, ``"11月14日"``.
    near_low : float
        Lower bound of "nearly N" as a share of N; default :data:`NEAR_LOW`.

    Returns
    -------
    Number
        With ``value``, ``low``, ``high``, ``qualifier``, ``unit``, ``kind``,
        ``date`` and ``precision``.

    Raises
    ------
    ParameterError
        If ``expr`` is not exactly one numeric expression.

    Examples
    --------
    >>> n = parse_number("超过10万个")
    >>> n.value, n.low, n.high, n.qualifier, n.unit
    (100000.0, 100000.0, inf, 'at_least', '个')
    >>> parse_number("912亿").precision
    100000000.0
    """
    found = scan(expr, near_low)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(expr)):
        raise ParameterError(f"expected one numeric expression, got {expr!r} ({len(found)} found)")
    return found[0]


#: English words for the measure words of time, money and repetition (:func:`reading`); other
#: measure words (个, 封, 家 …) count whatever the sentence names and are left out.
UNIT_WORDS = {
    "年": "years", "个月": "months", "月": "months", "天": "days", "周": "weeks", "星期": "weeks",
    "小时": "hours", "分钟": "minutes", "秒钟": "seconds", "秒": "seconds", "岁": "years old", "次": "times",
    "元": "yuan", "块": "yuan", "块钱": "yuan", "元人民币": "yuan", "人民币": "yuan", "美元": "US dollars",
}  # fmt: skip


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _amount(x: float, kind: str) -> str:
    if kind == "share":
        return _trim(f"{100 * x:.1f}") + "%"
    for scale, word in ((1e9, " billion"), (1e6, " million")):
        if abs(x) >= scale:
            return _trim(f"{x / scale:,.3f}") + word
    return _trim(f"{x:,.2f}")


def reading(value: float, low: float, high: float, qualifier: str, unit: str = "", kind: str = "quantity") -> str:
    """What a number says, in words and plain figures: ``"at least 100%"``, ``"nearly 10,000 (9,000–10,000)"``.

    Shares are shown as percentages whatever they were written in (百分之, %, 成);
    amounts of a billion or a million in those words; the measure words of
    :data:`UNIT_WORDS` in English.

    Parameters
    ----------
    value, low, high : float
        As in :func:`extract_numbers` (base units; shares as fractions).
    qualifier : str
        One of :data:`QUALIFIERS`.
    unit : str
        Measure word or currency.
    kind : str
        One of :data:`KINDS`; a ``date`` gives ``""`` (its ISO form is in ``date``).

    Returns
    -------
    str

    Examples
    --------
    >>> reading(1.0, 1.0, float("inf"), "at_least", "%", "share")
    'at least 100%'
    >>> reading(9.12e10, 9.12e10, 9.12e10, "exact")
    '91.2 billion'
    >>> reading(1e4, 9e3, 1e4, "nearly", "封")
    'nearly 10,000 (9,000–10,000)'
    >>> reading(1.5, 1.0, 2.0, "at_least", "年")
    'more than 1, less than 2 years'
    >>> reading(0.75, 0.7, 0.8, "range", "share", "share")
    '70%–80%'
    >>> reading(0.7, 0.7, 1.0, "at_least", "share", "share")
    'at least 70% (a share: at most 100%)'
    """
    if kind == "date":
        return ""
    if qualifier not in QUALIFIERS:
        raise ParameterError(f"qualifier must be one of {', '.join(QUALIFIERS)}, got {qualifier!r}")
    words = UNIT_WORDS.get(unit, "")
    if words and qualifier == "exact" and value == 1 and words.endswith("s"):
        words = words[:-1]  # 1 year, 1 time
    tail = f" {words}" if words else ""
    v, lo, hi = (_amount(x, kind) if math.isfinite(x) else "" for x in (value, low, high))
    if qualifier == "exact":
        text = v
    elif qualifier == "approx":
        text = f"about {v}"
    elif qualifier == "nearly":
        return f"nearly {hi}{tail} ({lo}–{hi})"
    elif qualifier == "at_least" and unit == "share" and high == 1.0:
        text = f"at least {lo} (a share: at most {hi})"
    elif qualifier == "at_least":
        text = f"at least {lo}" if not math.isfinite(high) else f"more than {lo}, less than {hi}"
    elif qualifier == "at_most":
        text = f"at most {hi}" if not math.isfinite(low) else f"{lo}–{hi}"
    else:
        text = f"{lo}–{hi}"
    return text + tail


def readings(table: pd.DataFrame) -> list[str]:
    """:func:`reading` of every row of a table from :func:`extract_numbers` or a claims table.

    Examples
    --------
    >>> readings(extract_numbers("超过1万个sku，近10次"))
    ['at least 10,000', 'nearly 10 times (9–10)']
    """
    return [
        reading(v, lo, hi, q, u, k)
        for v, lo, hi, q, u, k in zip(
            table["value"], table["low"], table["high"], table["qualifier"], table["unit"], table["kind"], strict=True
        )
    ]
