"""Build the POST an admin change page would send, from the page itself."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None
        self._in_option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            checkable = a.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in a:
                return
            self.fields.setdefault(name, []).append(a.get("value", "on" if checkable else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            # Browsers drop the newline Django writes right after <textarea>.
            value = self.fields[self._textarea][-1]
            self.fields[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data


def form_data(client, url) -> dict[str, list[str]]:
    """The fields of the admin form at `url`, as the browser would submit them unchanged."""
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    data = {k: v for k, v in parser.fields.items() if k not in ("csrfmiddlewaretoken", "q")}
    data.pop("_save", None)
    return data
