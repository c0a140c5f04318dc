"""The weights of the title/author boundary scorer (:mod:`litkit.io.listing.split`).

Scores are additive: a candidate split gets the name scores of its author items plus the
adjustments for the list's length and the title's end; the highest wins. A positive weight is
evidence for the split, a negative one against it. The values were tuned on real arXiv papers
glued as a listing shows them (``bench/bench_listing_split.py``); change one only with that
benchmark run before and after.
"""

# --- one author item (``listing.names._name_score``) -------------------------

EMPTY_ITEM = -20.0                # an empty item (",," in the list): never an author
MAX_ITEM_CHARS = 60               # an item longer than this many characters is a sentence, not a
                                  # name
LONG_ITEM = -10.0                 # the score of such an over-long item

TEAM = 2.0                        # a team ("Gemini Team", "OpenAI Research"): its base score
TEAM_GLUED_WORD = -2.0            # a team word that is camel case glued from the title (or not
                                  # explained by the abstract)
TEAM_FREE_WORDS = 4               # teams have up to this many words at no cost ...
TEAM_EXTRA_WORD = -0.5            # ... and each word beyond that costs this much
TEAM_MAX_WORDS = 8                # a team item with more words than this is not a team

PERSON = 1.0                      # a person's name: its base score
PARTICLE_AT_EDGE = -1.0           # a particle ("van") as the first or last word of a name
SUFFIX_MISPLACED = -3.0           # a suffix ("Jr.") anywhere but after the family name
RUN_INITIALS_MAX = 2              # initials run together ("MSVPJ Sathvik", "OFM Riaz"): up to this
                                  # many capitals anywhere ...
RUN_INITIALS_FIRST_MAX = 5        # ... or up to this many as the first word before a regular word
RUN_INITIALS = -1.0               # the cost of such run-together initials
CAPS_WORD = -2.0                  # any other all-capitals word in a name
NAMED_CAMEL = -0.2                # a camel-case word explained as a run-together given name
                                  # (HaoBin, AmirHossein) or a name prefix (McDonald)
CAMEL_ALONE = -1.0                # an unexplained camel-case word as the whole item: an
                                  # organisation ("OpenAI", "DeepSeek-AI")
CAMEL_FIRST_WORD_FIRST_AUTHOR = -2.5  # an unexplained camel-case first word of the first author
                                      # (likely glued from the title)
CAMEL_FIRST_WORD = -1.5           # ... of any later author
CAMEL_LATER_WORD_FIRST_AUTHOR = -2.0  # an unexplained camel-case later word of the first author
CAMEL_LATER_WORD = -0.5           # ... of any later author (family names such as SaraerToosi,
                                  # DelaCruz, MaungMaung)
CAMEL_TITLE_WORD = -2.0           # a camel-case word whose first part recurs in the abstract
                                  # ("ReasoningJialiang")
LOWER_OR_DIGIT = -5.0             # a lower-case word that is not a particle, or a word with digits
OTHER_WORD = -7.0                 # punctuation or any other shape of word
ONE_WORD = -1.5                   # a one-word name in a cased script (a caseless one, such as "张伟",
                                  # costs nothing)
LONG_NAME_WORDS = 4               # a name of exactly this many words costs LONG_NAME ...
LONG_NAME = -0.3                  # ... that cost
EXTRA_WORD = -1.5                 # ... and each word beyond LONG_NAME_WORDS costs this much
ONLY_INITIALS = -2.0              # a name of initials only ("J. R.")

# --- the author list and the title's end (``listing.split._score_split``) --------

NO_SPLIT = -100.0                 # a split that leaves no author or no title
ET_AL_NAMES = 3                   # the number of names before "et al."
ET_AL_RIGHT = 1.5                 # "et al." after exactly ET_AL_NAMES names
ET_AL_WRONG = -1.5                # "et al." after another number of names: this ...
ET_AL_EXTRA_NAME = -2.0           # ... and this for each name beyond ET_AL_NAMES
UNTRUNCATED_EXTRA_NAME = -3.0     # without "et al.", each name beyond ET_AL_NAMES
TITLE_END_QUOTE = -0.5            # the title ends in a closing quote after a lower-case letter
                                  # ("... without Threats'")
TITLE_END_HYPHEN = -4.0           # the title ends in a hyphen or an apostrophe (a cut inside
                                  # "Jean-|Pierre", "O'|Brien")
TITLE_END_OPENER = -3.0           # the title ends in an opening bracket or a comma
TITLE_END_IN_ABSTRACT = 0.75      # the title's last word (of at least TITLE_WORD_MIN_CHARS
                                  # characters) recurs in the abstract
TITLE_WORD_MIN_CHARS = 2          # the shortest last word that counts as recurring
TITLE_END_CAPITAL = -1.0          # the title ends in a lower-case word and one capital
                                  # ("GenerationO"): a name's initial left
ACRONYM_CUT = -2.0                # a cut inside a plural acronym ("LL|MsKimi Team")
SPACED = -3.0                     # a space before the first author (the format glues them; a space
                                  # is the exception) ...
SPACED_EXTRA_WORD = -0.3          # ... and this for each word of the first author beyond
                                  # SPACED_FREE_WORDS
SPACED_FREE_WORDS = 2             # first-author words that cost nothing more after a space

# --- capitals left inside title words (``listing.split._title_glue_cost``) -------

TITLE_GLUE = 1.5                  # a title word with an inner capital that the abstract does not
                                  # explain ("InferenceWei")
TITLE_GLUE_MORE = 0.5             # each further inner capital in the same word

# --- choosing the split (:func:`litkit.io.listing.split.split_title_authors`) ----------------

WINDOW = 400                      # three names and commas fit in this many characters: only the
                                  # line's end holds candidates
SPACED_FALLBACK = -5.0            # below this best glue-point score, word starts after a space are
                                  # tried too ...
FALLBACK_FIRST_AUTHOR = -3.0      # ... when the best first author scores below this
ONLY_CANDIDATE_MARGIN = 99.0      # the margin reported when there is only one candidate
EVIDENCE_CHARS = 100_000          # the abstract's first this many characters serve as evidence
UNCERTAIN_MARGIN = 0.5            # a margin to the second-best split below this marks the split
                                  # "uncertain"
