"""The name tables: their one home (the keys, title normalisation and deduplication import them
from here; the readers' own lists should too)."""

#: letters that NFKD does not decompose into a base letter + accent, and typographic marks
SPECIAL_LETTERS = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                   "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                   "Þ": "Th", "ı": "i", "’": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
#: name suffixes, matched case-sensitively: "JR" and "MD" after a comma are initials (Web of Science)
SUFFIXES = frozenset({"Jr", "Jr.", "jr", "jr.", "JR.", "Sr", "Sr.", "sr.", "II", "III", "Ph.D.", "PhD"})
#: family-name particles (lower case): "van der Berg", "Berg, J. van der"
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
                       "du", "la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el", "vander",
                       "vanden", "'t"})
#: words that make an author name a team or an organisation ("Gemini Team")
ORG_WORDS = frozenset({"team", "teams", "consortium", "collaboration", "group", "project",
                       "committee", "initiative", "alliance", "laboratory", "laboratories", "lab",
                       "labs", "institute", "university", "association", "society", "council",
                       "organization", "organisation", "corporation", "inc", "ltd", "foundation",
                       "agency", "centre", "center", "network", "investigators", "contributors",
                       "authors", "members", "study", "taskforce", "working", "community",
                       "research"})
