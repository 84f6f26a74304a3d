"""Upkeep of what is derived from a claim's record, driven by signals so that every way of
writing (forms, querysets, cascades, merges) counts: a claim's verdict and search text when
its outcomes or quotes change, and the version of whatever a changed row hangs off.

A fixture load (`loaddata`, pre_save with raw=True) writes rows exactly as they were dumped:
no upkeep, no version moves, no history for the many-to-many links it replays."""

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from claims.text.characters import xml_safe

from .claims import Claim
from .evidence import Appearance, EvidenceLink, Outcome


@receiver(pre_save)
def _text_xml_can_carry(sender, instance, raw=False, **kwargs):
    """Every door that saves (a form, an inline, an import, a command, a restore) stores text
    that feeds and ClaimReview can carry (claims.text.characters)."""
    if raw or sender._meta.app_label != "claims":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            setattr(instance, field.attname, xml_safe(value))


def _claim_left_behind(instance):
    """When a row is saved onto another claim (a merge moves them), the claim it leaves."""
    if instance.pk is None:
        return None
    stored = type(instance).objects.filter(pk=instance.pk).values_list("claim_id", flat=True)
    left = stored.first()
    return left if left not in (None, instance.claim_id) else None


@receiver(pre_save, sender=Appearance)
@receiver(pre_save, sender=Outcome)
def _remember_claim_left(sender, instance, raw=False, **kwargs):
    _note_raw_load(sender, instance, raw)
    instance._claim_left = None if raw else _claim_left_behind(instance)


def _resync_claim_left(instance, resync):
    left, instance._claim_left = getattr(instance, "_claim_left", None), None
    if left is not None and (claim := Claim.objects.filter(pk=left).first()):
        resync(claim)
        Claim.touch(left)


def _live_claim(instance):
    """The claim an appearance or outcome belongs to; None while that claim is deleted."""
    try:
        return instance.claim
    except Claim.DoesNotExist:
        return None


@receiver(post_save, sender=Appearance)
@receiver(post_delete, sender=Appearance)
def _appearance_changed(sender, instance, raw=False, **kwargs):
    # Quotes are searchable with their claim.
    _keep_claim(instance, raw, lambda claim: claim.refresh_search_text())


@receiver(post_save, sender=Outcome)
@receiver(post_delete, sender=Outcome)
def _outcome_changed(sender, instance, raw=False, **kwargs):
    # Signals rather than Outcome.save()/delete(), so queryset and cascade deletes count too.
    _keep_claim(instance, raw, lambda claim: claim.sync_verdict())


def _keep_claim(instance, raw, resync):
    """Re-derive the claim a quote or outcome belongs to (and any claim it left), and move
    its version; nothing while loaddata restores stored values as they were."""
    if raw:
        return
    if claim := _live_claim(instance):
        resync(claim)
    _claim_touched(instance.claim_id)
    _resync_claim_left(instance, resync)


@receiver(post_save, sender=EvidenceLink)
@receiver(post_delete, sender=EvidenceLink)
def _link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    Outcome.touch(instance.outcome_id)
    _claim_touched(Outcome.objects.filter(pk=instance.outcome_id).values("claim_id")[:1])


@receiver(m2m_changed, sender=Outcome.evidence_articles.through)
def _evidence_articles_changed(sender, instance, action, **kwargs):
    if _upkeep_wanted(instance, action, Outcome):
        Outcome.touch(instance.pk)
        _claim_touched(instance.claim_id)


def _upkeep_wanted(instance, action, model) -> bool:
    """An m2m change after the fact, not one a fixture load (loaddata) replays."""
    loading = getattr(instance, "_raw_load", False)
    return action.startswith("post_") and isinstance(instance, model) and not loading


@receiver(pre_save, sender=EvidenceLink)
@receiver(pre_save, sender=Claim)
def _note_raw_load(sender, instance, raw=False, **kwargs):
    """A fixture load (loaddata) writes rows as they were: no upkeep of derived values or
    versions, and no history for the many-to-many links it replays."""
    instance._raw_load = raw
    if raw:
        instance.skip_history_when_saving = True


def _claim_touched(claim_id):
    """Anything hanging off a claim changed: move its version, so a claim form opened before
    (whose inlines show the old state) is refused rather than silently reverting it."""
    Claim.touch(claim_id)


@receiver(m2m_changed, sender=Claim.topics.through)
def _topics_changed(sender, instance, action, **kwargs):
    # Topics are part of what a claim says in public: a change moves its version.
    if _upkeep_wanted(instance, action, Claim):
        Claim.touch(instance.pk)
