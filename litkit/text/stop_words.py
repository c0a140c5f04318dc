"""Stop words of the topic model: English plus scholarly boilerplate and markup remnants."""

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: words that say nothing about a paper's topic in abstracts and titles
SCHOLARLY_STOP_WORDS = frozenset("""
paper papers propose proposed proposes proposing present presents presented presenting
introduce introduces introduced introducing result results show shows showed shown showing
demonstrate demonstrates demonstrated demonstrating approach approaches method methods
methodology novel new based using use used uses usage study studies studied work works
framework frameworks task tasks achieve achieves achieved achieving state art sota
performance performances outperform outperforms outperforming outperformed significant
significantly improve improves improved improving improvement improvements effective
effectively efficient efficiently existing prior previous recent recently various
different including provide provides provided providing address addresses addressing
paradigm key challenge challenges challenging problem problems solution solutions
experiment experiments experimental extensive comprehensive evaluate evaluates evaluated
evaluation evaluations demonstrate furthermore moreover however additionally specifically
particular particularly respectively compared comparison high higher low lower large
small better best superior robust robustness strong stronger ability abilities capability
capabilities enable enables enabled enabling leverage leverages leveraging leveraged
utilize utilizes utilizing utilized aim aims aimed goal goals effectiveness insight
insights finding findings findings conduct conducted conducting investigate investigates
investigated explore explores explored exploring analysis analyze analyzes analyzed
important crucial critical potential real world wide widely range including code
available publicly github com http https www org url html pdf et al ie eg vs
amp lt gt quot nbsp sub sup textbf textit emph mathbf mathcal mathrm cite ref
abstract article articles authors author introduction conclusion conclusions section
consider considered considering given obtain obtained obtaining term terms way ways
able make makes making made need needs needed lack lead leads leading remains remain
does doing despite across within without while whereas thus hence therefore
""".split())

#: the stop words used by default: scikit-learn's English list plus the scholarly list
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | SCHOLARLY_STOP_WORDS
