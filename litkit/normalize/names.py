"""Person names as "Given Family"."""

from __future__ import annotations

from .text import clean_text

#: generational suffixes kept after the family name ("King, Jr., Martin")
_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def display_name(value) -> str | None:
    """A person's name as "Given Family".

    Parameters
    ----------
    value : object
        "Family, Given", "Family, Suffix, Given" or "Given Family"; or a missing value.

    Returns
    -------
    str or None
        The name; ``None`` for a missing or blank value.

    Examples
    --------
    >>> display_name("Kumar, Aviral"), display_name("Smith, J."), display_name("King, Jr., Martin")
    ('Aviral Kumar', 'J. Smith', 'Martin King Jr.')
    >>> display_name("Ada Lovelace")
    'Ada Lovelace'
    """
    s = clean_text(value)
    if not s:
        return None
    s = s.strip(" ,;")
    if "," in s:
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if len(parts) == 2:
            family, given = parts
            return f"{given} {family}".strip()
        if len(parts) == 3 and parts[1].lower() in _SUFFIX:
            return f"{parts[2]} {parts[0]} {parts[1]}"
        if len(parts) >= 2:
            return f"{' '.join(parts[1:])} {parts[0]}"
    return s
