"""Rebuild the two Danish word lists from wordfreq's Danish data (run by hand, not by the app).

    pip install wordfreq==3.1.1 && python resources/wordlists/make_danish.py

da-common.txt      about 29,000 Danish words (letters only), most frequent first: a dictionary
                   for the strength estimate (people pick common words first)
da-passphrase.txt  7,776 words (6^5) for generated passphrases: letters only (a–z, æ, ø, å),
                   4 to 8 letters, among the 25,000 most frequent, no word that is also in
                   the English list, the most frequent first

wordfreq's data is CC BY-SA 4.0 (see README.md here), and so are these lists.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
LETTERS = re.compile(r"^[a-zæøå]+$")
# Words a generated passphrase must never hand to an outreach worker: slurs, sexual and
# scatological words, insults, violence. The lists are read before shipping; add to this.
UNFIT_STEMS = (
    "neger",
    "perker",
    "luder",
    "hore",
    "fisse",
    "kusse",
    "pik",
    "sutte",
    "sutter",
    "knep",
    "pule",
    "puler",
    "bøsse",
    "lesbe",
    "homo",
    "røv",
    "lort",
    "pis",
    "fanden",
    "satan",
    "helvede",
    "idiot",
    "spasser",
    "mongol",
    "klamme",
    "dræb",
    "mord",
    "voldt",
    "sex",
    "porno",
    "nøgen",
    "bryst",
    "patter",
    "sperm",
    "orgasme",
    "onaner",
    "tæve",
    "kælling",
    "narko",
    "heroin",
    "kokain",
    "junkie",
    "prostitu",
    "bordel",
    "massakre",
    "selvmord",
    "nazi",
    "jøde",
    "muslim",
    "kristen",
    "sigøjner",
    "luksus",
    "fuck",
    "shit",
    "bitch",
    "død",
    "lig",
    "skyd",
    "våben",
    "kniv",
    "bombe",
    "terror",
    "krig",
    "slave",
    "pædo",
)


def main() -> None:
    common = [w for w in top_n_list("da", 40_000) if LETTERS.match(w)][:30_000]  # ~29,000
    (HERE / "da-common.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    english = set((HERE / "en-eff-large.txt").read_text(encoding="utf-8").split())
    english |= set(top_n_list("en", 5_000))
    chosen = [w for w in top_n_list("da", 25_000) if LETTERS.match(w) and 4 <= len(w) <= 8]
    chosen = [
        w for w in chosen if w not in english and not any(w.startswith(s) for s in UNFIT_STEMS)
    ][: 6**5]
    if len(chosen) != 6**5:
        raise SystemExit(f"only {len(chosen)} words qualified")
    (HERE / "da-passphrase.txt").write_text("\n".join(sorted(chosen)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
