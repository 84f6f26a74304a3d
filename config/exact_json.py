"""`dumpdata`/`loaddata` JSON that restores every value exactly.

Django's JSON encoder cuts datetimes to milliseconds, so a restored row's timestamps differ
from the dumped ones (and its XML format strips white space around text). This serializer is
Django's JSON one with full-precision datetimes; settings.SERIALIZATION_MODULES makes it the
"json" format, so the README's backup commands round-trip every row."""

import datetime

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()  # microseconds kept
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = JSONDeserializer
