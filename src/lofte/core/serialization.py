"""JSON Lines with times to the microsecond: the format of `dumpdata --format jsonl`, `loaddata`
and `lofte backup` (settings.SERIALIZATION_MODULES puts it in place of Django's own jsonl).

Django's JSON encoder cuts times to milliseconds (ECMA-262's format), so a backup restored one
timestamp in a thousand a little earlier than it was (12:00:00.000400 came back as 12:00:00): a
restore must give every row back as it was. Reading is Django's own, which takes either form, so
backups written before keep loading.
"""

from __future__ import annotations

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        if self.json_kwargs.get("cls") is DjangoJSONEncoder:
            self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = jsonl.Deserializer
