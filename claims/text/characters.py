"""Characters that XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return;
U+FFFE and U+FFFF). One pasted from Word (a vertical tab is Word's manual line break) made
every Atom feed that carried it a 500. Text is normalised where it is saved, one character
for one (so a quote's offsets into its article stay true): a vertical tab or form feed
becomes a line break, anything else a space. Feeds pass their text through `xml_safe` too,
for rows written before this rule or by a bulk load that skipped it."""

import re

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}


def _replacement(match: re.Match) -> str:
    return _LINE_BREAKS.get(match.group(), " ")


def xml_safe(value):
    """`value` with every character XML cannot carry replaced; anything not text as it is."""
    if isinstance(value, str) and _NOT_IN_XML.search(value):
        return _NOT_IN_XML.sub(_replacement, value)
    return value
