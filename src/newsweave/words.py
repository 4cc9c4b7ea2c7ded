"""How many words a text holds, in scripts written with spaces and in those written without.

Chinese, Japanese and Thai put no space between words: counted by spaces, a 600-character Chinese
article is "4 words" and is rejected as having no body. A run of such characters counts one word per
two characters (the mean length of a Chinese word is close to 1.5 characters, a Japanese one a little
more), which is what the length thresholds (a body's minimum, a summary's budget) were set for.
"""

from __future__ import annotations

import re

# Han (with the compatibility block), Hiragana, Katakana, Thai, Lao, Khmer, Myanmar: no spaces between words.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens, a token of unspaced script counting one word per
    two of its characters ("东京电力公司" is 3)."""
    n = 0
    for token in text.split():
        unspaced = len(UNSPACED.findall(token))
        n += (unspaced + 1) // 2 + (unspaced < len(token)) if unspaced else 1
    return n
