"""Named entities of the field: the entity list, their mentions in a text, and counts.

``data/lexicon/entities.csv`` lists surface forms (聚美, 聚美优品), the entity each
names and its type (person, company or brand, country or region, policy term,
business model); a form that names two entities (日韩) has a row for each. Mentions
are found by longest-match over the surface forms.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "DEFAULT_ENTITIES",
    "ENTITY_TYPES",
    "ENTITY_TYPE_NAMES",
    "LEXICON_DIR",
    "entity_counts",
    "entity_mentions",
    "load_entities",
]

#: Folder of the shipped lexicon.
LEXICON_DIR: Path = paths.DATA_DIR / "lexicon"
#: Entity mentions with their entity and type.
DEFAULT_ENTITIES = "data/lexicon/entities.csv"
#: Allowed entity types in the entity list.
ENTITY_TYPES = ("person", "company_brand", "country_region", "policy_term", "business_model")
#: Entity types in words, for tables and charts.
ENTITY_TYPE_NAMES = {
    "person": "people",
    "company_brand": "companies and brands",
    "country_region": "countries and regions",
    "policy_term": "policy terms",
    "business_model": "business-model terms",
}


def load_entities(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The entity list: surface form, entity it names, and type.

    Parameters
    ----------
    path : str or PathLike, optional
        CSV with columns ``mention, entity, type, source, source_url, note``;
        default :data:`DEFAULT_ENTITIES`. ``type`` is one of :data:`ENTITY_TYPES`.

    Returns
    -------
    pandas.DataFrame
        Every cell a string.

    Raises
    ------
    DataError
        Missing file or column, not UTF-8, a malformed row, an empty
        mention/entity/source, or an unknown type (names file, line and column).

    Examples
    --------
    >>> ents = load_entities()
    >>> ents.loc[ents["mention"] == "聚美", "entity"].item()
    '聚美优品'
    """
    from helpers.tables import read_csv

    p = paths.resolve(path or DEFAULT_ENTITIES)
    df = read_csv(
        p,
        required=("mention", "entity", "type", "source"),
        nonempty=("mention", "entity", "source"),
        what="entity list",
    )
    for line, kind in zip(df.attrs["lines"], df["type"], strict=True):
        if kind not in ENTITY_TYPES:
            raise DataError(
                f"expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}", path=p, line=line, column="type"
            )
    return df


def entity_mentions(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of a listed entity in a text (longest surface form wins).

    Parameters
    ----------
    text : str
        Text.
    entities : pandas.DataFrame, optional
        From :func:`load_entities` (default list if omitted).

    Returns
    -------
    pandas.DataFrame
        Columns ``mention``, ``entity``, ``type``, ``start``, ``end``; a surface
        form naming two entities (日韩) gives a row for each.

    Examples
    --------
    >>> entity_mentions("聚美优品和聚美")[["mention", "entity"]].values.tolist()
    [['聚美优品', '聚美优品'], ['聚美', '聚美优品']]
    """
    import pandas as pd

    ents = load_entities() if entities is None else entities
    by_mention: dict[str, list[tuple[str, str]]] = {}
    for row in ents.itertuples(index=False):
        by_mention.setdefault(row.mention, []).append((row.entity, row.type))
    forms = sorted(by_mention, key=lambda s: (-len(s), s))
    rows = []
    if forms:
        pattern = re.compile("|".join(re.escape(f) for f in forms))
        for m in pattern.finditer(text):
            for entity, kind in by_mention[m.group()]:
                rows.append((m.group(), entity, kind, m.start(), m.end()))
    return pd.DataFrame(rows, columns=["mention", "entity", "type", "start", "end"]).astype(
        {"start": "int64", "end": "int64"}
    )


def entity_counts(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per entity, by type.

    Parameters
    ----------
    text : str
        Text.
    entities : pandas.DataFrame, optional
        From :func:`load_entities`.

    Returns
    -------
    pandas.DataFrame
        Columns ``type``, ``entity``, ``mentions``; entities not mentioned are
        left out; sorted by type (in :data:`ENTITY_TYPES` order), then mentions
        (descending), then entity.

    Examples
    --------
    >>> entity_counts("日本和韩国，日韩").values.tolist()
    [['country_region', '日本', 2], ['country_region', '韩国', 2]]
    """
    men = entity_mentions(text, entities)
    out = men.groupby(["type", "entity"], as_index=False).size().rename(columns={"size": "mentions"})
    out["_t"] = out["type"].map({t: i for i, t in enumerate(ENTITY_TYPES)})
    out = out.sort_values(["_t", "mentions", "entity"], ascending=[True, False, True])
    out = out.drop(columns="_t").reset_index(drop=True)
    return out.astype({"mentions": "int64"})
