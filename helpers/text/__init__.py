"""The seed article as data: paragraphs and sentences, actor mentions, quotations, scoring, claims.

``from helpers import text`` gives the public functions of the five modules of this layer:

* :mod:`helpers.text.paragraphs` — the numbered paragraphs, sentences and Markdown rendering;
* :mod:`helpers.text.mentions` — actor mentions found with the gazetteer
  (:mod:`helpers.text.gazetteer`), their counts and the co-mention network;
* :mod:`helpers.text.quotations` — quotations, their speakers and attribution verbs;
* :mod:`helpers.text.scoring` — the hand-checked gold annotations and precision/recall;
* :mod:`helpers.text.claims` — the course's claim-by-claim check of the article, filtered.

Nothing is read at import; every function reads the seed when called.
"""

from helpers.text.claims import *  # noqa: F403
from helpers.text.claims import __all__ as _claims_all
from helpers.text.mentions import *  # noqa: F403
from helpers.text.mentions import __all__ as _mentions_all
from helpers.text.paragraphs import *  # noqa: F403
from helpers.text.paragraphs import __all__ as _paragraphs_all
from helpers.text.quotations import *  # noqa: F403
from helpers.text.quotations import __all__ as _quotations_all
from helpers.text.scoring import *  # noqa: F403
from helpers.text.scoring import __all__ as _scoring_all

__all__ = sorted({*_paragraphs_all, *_mentions_all, *_quotations_all, *_scoring_all,
                  *_claims_all})
