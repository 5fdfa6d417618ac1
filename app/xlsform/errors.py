"""XLSFormError: a problem in an XLSForm, located (sheet, row, column), in Spanish or English."""

from __future__ import annotations

from app.xlsform import messages


class XLSFormError(ValueError):
    """A problem in an XLSForm, located as precisely as it can be (sheet, row, column).

    Our own checks carry ``key`` and ``params`` (texts in app/xlsform/messages.py): ``message``
    is the English text, ``message_in(language)`` and ``localized(language)`` give it in Spanish
    or English. pyxform's messages have no key and stay as pyxform wrote them.
    """

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        params: dict[str, object] | None = None,
    ) -> None:
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
        self.key = key
        self.params = dict(params or {})
        super().__init__(str(self))

    @classmethod
    def of(
        cls,
        key: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **params: object,
    ) -> XLSFormError:
        """One of our checks' problems, by its catalogue key."""
        text = messages.render(key, params, "en")
        return cls(text, sheet=sheet, row=row, column=column, key=key, params=params)

    def message_in(self, language: str | None) -> str:
        """The problem without its location, in 'es' or 'en' (pyxform's text as it is)."""
        if self.key is None:
            return self.message
        return messages.render(self.key, self.params, language)

    def location(self, language: str | None) -> str:
        """Where it is: "hoja «survey», fila 7, columna «type»" ('' when unknown)."""
        return messages.location(self.sheet, self.row, self.column, language)

    def localized(self, language: str | None) -> str:
        """Location and problem in 'es' or 'en', e.g. "hoja «survey», fila 7, columna «type»: …"."""
        where, what = self.location(language), self.message_in(language)
        return f"{where}: {what}" if where else what

    def __str__(self) -> str:
        where = messages.location(self.sheet, self.row, self.column, "en")
        return f"{where}: {self.message}" if where else self.message
