"""What reminded whom: one row per editor and day a review digest was sent
(claims.editors.reminders), so running the digest twice a day sends it once."""

from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    # Not part of the public record: saving one does not retire cached pages.
    outside_the_record = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    claims = models.PositiveIntegerField(help_text="How many claims the digest listed.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Also the lookup "was today's digest sent to this editor?".
            models.UniqueConstraint(fields=["user", "sent_on"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return f"digest for {self.user} on {self.sent_on}"
