"""Form fields shared by the public site and the staff workspace."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _

# Far beyond any coordinate; refused before Decimal arithmetic could overflow its context
# ("1e400" quantized raised InvalidOperation, a 500).
_MAX_DEGREES = Decimal(1000)
_MAX_LENGTH = 20


class CoordinateField(forms.Field):
    """A decimal degree typed with a comma or a point ("59,377" or "59.377"), rounded to
    `decimal_places` (a phone's position has more digits than any form needs)."""

    widget = forms.TextInput

    def __init__(self, *, example: str, decimal_places: int = 6, **kwargs):
        self.example = example
        self.quantum = Decimal(1).scaleb(-decimal_places)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off",
                "maxlength": str(_MAX_LENGTH)}

    def to_python(self, value):
        value = str(value or "").strip().replace(",", ".").replace(" ", "").replace("\u2212", "-")
        if not value:
            return None
        try:
            number = Decimal(value) if len(value) <= _MAX_LENGTH else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= _MAX_DEGREES:
            raise forms.ValidationError(
                _("Ange ett decimaltal i grader, t.ex. %(example)s.") % {"example": self.example}, code="invalid"
            )
        return number.quantize(self.quantum)
