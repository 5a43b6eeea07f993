"""The collection's bibliography: ``references.bib`` read once, cited in author-year style.

Every work the notebooks, the helpers and the data tables cite has an entry in
``references.bib`` at the repository root (BibTeX, UTF-8), with a DOI or URL;
an entry that could not be checked carries ``note = {unverified ...}``.
:func:`load` parses the file with pybtex and checks each entry,
:func:`cite` gives the in-text form ("Wang, Jiang & Shen (2004)") and
:func:`references_markdown` the closing "References" list of a notebook.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from pybtex.database import BibliographyData, Entry, Person

#: Default location of the bibliography (repository root).
BIB_FILE: Path = paths.resolve("references.bib")

_cache: dict[tuple[str, float], BibliographyData] = {}
_BRACES = re.compile(r"[{}]")


def _plain(text: str) -> str:
    """Field text without BibTeX case-protection braces and with en dashes for ``--``."""
    return _BRACES.sub("", text).replace("--", "–").strip()


def _line_of(text: str, key: str) -> int | None:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def load(path: str | os.PathLike[str] | None = None) -> BibliographyData:
    """Read and check the bibliography.

    Parameters
    ----------
    path : str or Path, optional
        A BibTeX file (UTF-8); relative paths resolve from the repository root.
        Default ``references.bib``.

    Returns
    -------
    pybtex.database.BibliographyData
        Entries by key (``.entries[key].fields``, ``.persons``). Cached per file
        and modification time.

    Raises
    ------
    DataError
        Missing file, not UTF-8, a BibTeX syntax error or a duplicate key, or an
        entry without an author (or editor), a title, a year, or any of ``doi``,
        ``url`` and an ``unverified`` note; the message names the file, line and key.

    References
    ----------
    The BibTeX format as read by pybtex (https://pybtex.org).

    Examples
    --------
    >>> bib = load()
    >>> bib.entries["arrow1951optimal"].fields["doi"]
    '10.2307/1906813'
    """
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError, PybtexSyntaxError

    file = paths.resolve(path) if path is not None else BIB_FILE
    if not file.is_file():
        raise DataError("file not found (expected a BibTeX file)", path=file)
    key = (str(file), file.stat().st_mtime)
    if key in _cache:
        return _cache[key]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError("not UTF-8; save the file as UTF-8", path=file, line=line) from None
    try:
        bib = parse_string(text, bib_format="bibtex")  # pybtex is strict by default: errors raise
    except PybtexSyntaxError as exc:
        message = exc.args[0] if exc.args else exc.error_type
        raise DataError(f"BibTeX syntax error: {message}", path=file, line=getattr(exc, "lineno", None)) from None
    except PybtexError as exc:  # e.g. a repeated key
        found = re.search(r'"([^"]+)"', str(exc))
        line = _line_of(text, found.group(1)) if found else None
        raise DataError(str(exc), path=file, line=line) from None
    for entry_key, entry in bib.entries.items():
        line = _line_of(text, entry_key)
        if not (entry.persons.get("author") or entry.persons.get("editor")):
            raise DataError(f"entry {entry_key!r} has no author or editor", path=file, line=line, column="author")
        for field in ("title", "year"):
            if not entry.fields.get(field, "").strip():
                raise DataError(f"entry {entry_key!r} has no {field}", path=file, line=line, column=field)
        note = entry.fields.get("note", "")
        if not (entry.fields.get("doi") or entry.fields.get("url") or "unverified" in note):
            raise DataError(
                f"entry {entry_key!r} needs a doi or url, or note = {{unverified ...}} saying why it has neither",
                path=file,
                line=line,
                column="url",
            )
    if len(_cache) > 8:
        _cache.clear()
    _cache[key] = bib
    return bib


def _entry(key: str, bib: BibliographyData) -> Entry:
    if not isinstance(key, str):
        raise ParameterError(f"a citation key must be a string, got {key!r}")
    if key not in bib.entries:
        raise ParameterError(f"unknown citation key {key!r}: add it to references.bib")
    return bib.entries[key]


def _people(entry: Entry) -> list[Person]:
    return list(entry.persons.get("author") or entry.persons.get("editor"))


def _surname(person: Person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names))


def _full_name(person: Person) -> str:
    """'Wang, Y.' for a person, the whole name for a corporate author in braces."""
    last = _surname(person)
    given = person.first_names + person.middle_names
    if not given:
        return last
    initials = " ".join("-".join(part[0] + "." for part in _plain(name).split("-") if part) for name in given)
    return f"{last}, {initials}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def cite(key: str, bib: BibliographyData | None = None) -> str:
    """In-text citation of one work, author-year style.

    Parameters
    ----------
    key : str
        Citation key in ``references.bib``, e.g. ``"wang2004consignment"``.
    bib : BibliographyData, optional
        From :func:`load`; default the shipped bibliography.

    Returns
    -------
    str
        ``"Petruzzi & Dada (1999)"``; three authors are all named
        (``"Wang, Jiang & Shen (2004)"``), four or more give ``"First et al. (year)"``;
        a corporate author is named whole (``"General Administration of Customs (2020)"``).

    Raises
    ------
    ParameterError
        The key is not a string or not in the bibliography (the message names it).

    Examples
    --------
    >>> cite("wang2004consignment")
    'Wang, Jiang & Shen (2004)'
    >>> cite("petruzzi1999pricing")
    'Petruzzi & Dada (1999)'
    """
    bib = load() if bib is None else bib
    entry = _entry(key, bib)
    names = [_surname(p) for p in _people(entry)]
    who = f"{names[0]} et al." if len(names) > 3 else _join(names)
    return f"{who} ({_plain(entry.fields['year'])})"


def _sentence(text: str) -> str:
    """End a title or clause with a full stop unless it already ends in . ? or !"""
    return text if text.endswith((".", "?", "!")) else text + "."


def _ordinal(edition: str) -> str:
    if not edition.isdigit():
        return edition if edition.endswith("ed.") else f"{edition} ed."
    n = int(edition)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} ed."


def _reference(key: str, entry: Entry) -> str:
    names = [_full_name(p) for p in _people(entry)]
    who = f"{names[0]} et al." if len(names) > 6 else _join(names)
    fields = {name: _plain(value) for name, value in entry.fields.items()}
    title = fields["title"]
    parts = [f"{who} ({fields['year']})."]
    if entry.type == "article":
        parts.append(_sentence(title))
        where = f"*{fields.get('journal', '')}*"
        volume, number, pages = fields.get("volume"), fields.get("number"), fields.get("pages")
        if volume:
            where += f" {volume}" + (f"({number})" if number else "")
        elif number:
            where += f", no. {number}"
        if pages:
            where += f":{pages}"
        parts.append(where + ".")
    elif entry.type == "book":
        edition = fields.get("edition")
        parts.append(f"*{title}*" + (f", {_ordinal(edition)}" if edition else "."))
        if fields.get("publisher"):
            parts.append(_sentence(fields["publisher"]))
    elif entry.type in ("incollection", "inproceedings"):
        parts.append(_sentence(title))
        parts.append(
            f"In *{fields.get('booktitle', '')}*" + (f", pp. {fields['pages']}." if fields.get("pages") else ".")
        )
        if fields.get("publisher"):
            parts.append(_sentence(fields["publisher"]))
    else:
        parts.append(f"*{title}*" + ("" if title.endswith((".", "?", "!")) else "."))
        if fields.get("howpublished"):
            parts.append(_sentence(fields["howpublished"]))
    if fields.get("doi"):
        parts.append(f"[doi:{fields['doi']}](https://doi.org/{fields['doi']})")
    elif fields.get("url"):
        parts.append(f"<{entry.fields['url'].strip()}>")
    if "unverified" in fields.get("note", ""):
        parts.append("(unverified)")
    return " ".join(parts)


def _sort_key(key: str, entry: Entry) -> tuple[str, str, str]:
    first = _people(entry)[0]
    return (_surname(first).casefold(), _plain(entry.fields["year"]), key)


def references_markdown(
    keys: Iterable[str],
    bib: BibliographyData | None = None,
    heading: str = "References",
    level: int = 2,
) -> str:
    """A Markdown "References" section for the works a notebook cites.

    Parameters
    ----------
    keys : iterable of str
        Citation keys; duplicates are listed once.
    bib : BibliographyData, optional
        From :func:`load`; default the shipped bibliography.
    heading : str
        Section title.
    level : int
        Markdown heading level, 1-6.

    Returns
    -------
    str
        The heading and one bullet per work, sorted by first author and year:
        authors with initials, year, title, journal, volume(number):pages, and a
        DOI link (else the URL); unverified entries are marked "(unverified)".

    Raises
    ------
    ParameterError
        No keys, a heading level outside 1-6, or keys not in the bibliography
        (all unknown keys are named).

    Examples
    --------
    >>> print(references_markdown(["petruzzi1999pricing"]))
    ## References
    <BLANKLINE>
    - Petruzzi, N. C. & Dada, M. (1999). Pricing and the Newsvendor Problem: A Review with Extensions. *Operations Research* 47(2):183–194. [doi:10.1287/opre.47.2.183](https://doi.org/10.1287/opre.47.2.183)
    """
    if isinstance(keys, str):
        raise ParameterError(f"keys must be a list of citation keys, got the string {keys!r}")
    if not (isinstance(level, int) and 1 <= level <= 6):
        raise ParameterError(f"level must be a Markdown heading level 1-6, got {level!r}")
    bib = load() if bib is None else bib
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        raise ParameterError("no citation keys given: a References section needs at least one work")
    bad = [k for k in wanted if not isinstance(k, str) or k not in bib.entries]
    if bad:
        raise ParameterError(f"unknown citation key(s) {', '.join(repr(k) for k in bad)}: add them to references.bib")
    ordered = sorted(wanted, key=lambda k: _sort_key(k, bib.entries[k]))
    lines = [f"{'#' * level} {heading}", ""]
    lines += [f"- {_reference(k, bib.entries[k])}" for k in ordered]
    return "\n".join(lines)
