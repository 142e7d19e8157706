"""The one error type of the situation importers: Swedish problems, each naming where it is."""

from __future__ import annotations

MAX_SHOWN = 20


class IndicatorImportError(Exception):
    """A file (or fetch) that cannot be imported. Nothing of it has been stored.

    `problems` lists every problem found, each a Swedish line that names its row, record or
    column ("rad 7: värdet «12,x» är inget tal"); the message shows the first MAX_SHOWN of them.
    """

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = self.problems[:MAX_SHOWN]
        more = len(self.problems) - len(shown)
        text = "\n".join(shown)
        if more > 0:
            text += f"\n… och {more} fel till"
        super().__init__(text)


class Problems:
    """Collects problems while a file is read; raises them all at the end (or after too many)."""

    LIMIT = 1000

    def __init__(self):
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)
        if len(self.items) >= self.LIMIT:
            raise IndicatorImportError(self.items + ["för många fel; läsningen avbröts"])

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise IndicatorImportError(self.items)
