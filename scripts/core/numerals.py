"""Numbers as Chinese statutes write them, and back: the one reader and writer behind every pattern that reads one.

`to_cn(1042) == "一千零四十二"` and `to_int("一千零四十二") == 1042`. The written form is the one statutes
use: 十 for ten and 十一…十九 at the start (never 一十一), but 一十 after a higher unit (第一百一十条,
第一千零一十条); one 零 for each run of skipped units (第一百零一条, 第一千零一条); 万 above 9,999
(一万零一十).

The reader takes that form, digits (`第1条`, ASCII or full-width), 〇 for 零, 两 for 二 before a unit
(两百), and 一十 at the start (一十一). Anything else raises ValueError: 千万要 (by all means) or 万一 (in case)
are made of numeral characters but are no numbers, and a marker that matched the characters of CLASS must
still read as a number before it counts.
"""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000}
# The characters a Chinese numeral is made of, as a regular-expression class.
CLASS = "[零〇一二三四五六七八九十百千万两]+"
# A number as texts write one: Chinese numerals, or digits (第1条).
NUMBER = rf"(?:{CLASS}|[0-9０-９]+)"
# A year as dates write it, digit by digit (二〇二一年) or in digits.
YEAR = r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})"


def to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 101 → 一百零一, 110 → 一百一十, 1010 → 一千零一十, 10010 → 一万零一十."""
    if n < 0:
        raise ValueError(f"no Chinese numeral for {n}")
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    if not high:
        return _below_10000(low, leading=True)
    out = to_cn(high) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _below_10000(low, leading=False)
    return out


def _below_10000(n: int, leading: bool) -> str:
    out, started, skipped = "", False, False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if not digit:
            skipped = started
            continue
        if skipped:
            out += "零"
            skipped = False
        # Ten to nineteen at the very start are 十, 十一…; after a higher unit they are 一十 (一百一十).
        out += name if (unit == 10 and digit == 1 and leading and not started) else DIGITS[digit] + name
        started = True
    return out


def year_to_int(text: str) -> int:
    """二〇二一 → 2021, 2021 → 2021: a year is written digit by digit, not as a numeral."""
    return int(text) if text.isdecimal() else int("".join(str(DIGITS.index(ch)) for ch in text.replace("〇", "零")))


def to_int(text: str) -> int:
    """一千零四十二 → 1042, 一百一十 → 110, 两百 → 200, 〇 → 0, 12 → 12; ValueError for what is no number."""
    if text.isdecimal():
        return int(text)
    if not text:
        raise ValueError("not a number: ''")
    text = text.replace("〇", "零")
    if text == "零":
        return 0
    high, wan, low = text.partition("万")
    if not wan:
        return _read_below_10000(text, after_unit=False)
    if not high or "万" in low:
        raise ValueError(f"not a number: {text!r}")
    return _read_below_10000(high, after_unit=False) * 10000 + (_read_below_10000(low, after_unit=True) if low else 0)


def _read_below_10000(text: str, after_unit: bool) -> int:
    """Digit-unit pairs in falling order; a skipped unit needs one 零 (一百零一), a 零 that skips nothing is no number."""
    total, last, zero, i = 0, 10000, False, 0
    while i < len(text):
        ch = text[i]
        if ch == "零":
            if zero or i == len(text) - 1:
                raise ValueError(f"not a number: {text!r}")
            zero, i = True, i + 1
            continue
        if ch == "十" and i == 0 and not after_unit:
            digit, unit, i = 1, 10, i + 1
        elif ch in DIGITS[1:] or ch == "两":
            digit = 2 if ch == "两" else DIGITS.index(ch)
            unit = UNITS.get(text[i + 1], 1) if i + 1 < len(text) else 1
            i += 2 if unit > 1 else 1
            if ch == "两" and unit == 1:
                raise ValueError(f"not a number: {text!r}")
        else:
            raise ValueError(f"not a number: {text!r}")
        started = total > 0 or after_unit
        if unit >= last or (started and (unit == last // 10) == zero) or (zero and not started):
            raise ValueError(f"not a number: {text!r}")
        total, last, zero = total + digit * unit, unit, False
    return total
