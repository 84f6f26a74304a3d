"""The claim finder, a way in: every sentence of an article proposed as a candidate claim,
ranked and explained in words (who is said to say it, what kind it looks like, by when it
can be checked), matched to the claims already entered, and learning from the desk's own
accepts and rejects. It also takes articles in from a URL or a saved page.

- sentences: the article cut into sentences (pysbd), offsets exact into the stored text
- reasons: the rules, each a reason in words; dates: check-by dates from time expressions
- repeats: the existing claims a sentence repeats or resembles
- ranking: the candidates of an article, best first (the rules, or the desk's model)
- learning: the model fitted on the desk's decisions (scikit-learn), stored in the database
- decisions: an editor's accept or reject, recorded
- intake: an article's text and metadata from a URL or an HTML file (trafilatura)
- views: the article's candidates page, keyboard-driven; admin: its records, read-only"""
