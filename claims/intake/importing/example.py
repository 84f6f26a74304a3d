"""The example row the import templates carry under their header, so that a new editor sees
each column filled in. It is a real seed claim (seeds/claims/diplomat-august-fizzle-2018.toml,
"trump-asked-pompeo-not-to-go-2018"), not an invented one; `id` is blank, as for a new claim."""

from claims.outputs.export import COLUMNS

EXAMPLE = {
    "claim": "Trump asked Secretary of State Mike Pompeo not to go to North Korea at that time.",
    "claimant": "Donald Trump",
    "role": "President of the United States",
    "kind": "statement",
    "date_made": "2018-08-24",
    "date_precision": "day",
    "verdict": "true",
    "verdict_label": "True",
    "verdict_date": "2018-08-24",
    "outcome_explanation": "On 24 August 2018 Trump tweeted that he had asked Pompeo not to go "
    "to North Korea “at this time”; the article reports the trip called off as a result.",
    "topics": "Denuclearization",
    "first_article_title": "Making Sense of the August Fizzle in the US-North Korea Negotiations",
    "quote": "“I have asked Secretary of State Mike Pompeo not to go to North Korea, at this time",
    "claimant_slug": "donald-trump",
    "claimant_kind": "person",
    "first_article_slug": "diplomat-august-fizzle-2018",
}


def example_row() -> list[str]:
    return [EXAMPLE.get(column, "") for column in COLUMNS]
