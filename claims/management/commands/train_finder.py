"""Fit the claim finder's model on the desk's decisions and the fully covered articles."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.finder.training import train
from claims.intake.seeding import seed_article_slugs


class Command(BaseCommand):
    help = (
        "Fit the claim finder's model (logistic regression) on every accept and reject and on "
        "the seed articles' full coverage; store it as the next version, used only if it "
        "finds more claims than the rules when each article is held out. Prints both figures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--covered", nargs="*", metavar="SLUG",
            help="articles whose every sentence is labelled (default: the seed articles)",
        )  # fmt: skip

    def handle(self, *args, covered, **options):
        slugs = (
            covered
            if covered is not None
            else seed_article_slugs(Path(settings.BASE_DIR) / "seeds")
        )
        trained = train(slugs)
        if trained.model is None:
            raise CommandError(trained.problem)
        model = trained.model
        self.stdout.write(
            f"Held out article by article, share of claims in the top N: rules "
            f"{trained.rules_score:.3f}, model {trained.model_score:.3f} "
            f"({trained.examples} sentences)."
        )
        verdict = "in use" if model.in_use else "stored, not used (it does not beat the rules)"
        self.stdout.write(f"Model version {model.version}: {verdict}.")
