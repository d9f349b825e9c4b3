"""Benchmark of the number layer (extract.numbers.find_numbers). Not a test: it prints figures.

    python bench/bench_numbers.py [--mb 4] [--seed 7]

Prints:
- microseconds per phrase over a fixed list of short phrases (Hindi, English, mixed);
- MB/s (UTF-8 bytes) over several MB of news-like Hindi + English text generated here from a
  seeded random generator (the same text on every run), normalisation included;
- peak memory: tracemalloc peak while scanning 1 MB of that text, and the process's max RSS;
- the time of pathological single lines of 1 MB of digits and commas (the scan is linear);
- if the package number-parser is importable (it is in the `test` extra of pyproject.toml, not a
  runtime dependency), its microseconds per phrase on the same phrases and the ratio. It only
  turns number words into digits: no offsets, no types, no scale words in Hindi.

Times are wall-clock, best of 5; the per-phrase figures are also given in CPU time of this process
(time.process_time), which moves much less on a shared, busy machine. Compare the ratio of one run,
not absolute figures across runs (the calibration line shows how slow the machine is right now).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import timeit
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import native  # noqa: E402
from extract.numbers import find_numbers  # noqa: E402

PHRASES = [
    # Hindi amounts, counts and the rest
    "लगभग 7,900 करोड़ के ऑर्डर", "1.5 लाख से अधिक ऑर्डर्स", "3,172 करोड़", "704 करोड़ तथा", "42,532 करोड़ के ऑर्डर प्राप्त",
    "46,407 करोड़ का कारोबार", "26,569 करोड़ रहा है", "1,854 करोड़ की वस्तुओं", "932 करोड़ (लगभग 50′)", "4,155\nकरोड़",
    "तिहत्तर हजार दो सौ पच्चीस करोड़ रुपये", "एक लाख करोड़ की ऑर्डर वैल्यू", "पांच लाख करोड़", "साढ़े तीन लाख रुपये",
    "सवा सौ करोड़", "पौने दो लाख", "डेढ़ लाख ऑर्डर", "ढाई हजार करोड़", "५०० करोड़ रुपये", "४२,५३२ करोड़", "२,६४०.५ करोड़ रुपये",
    "1,24,761 करोड़", "50 हजार करोड़ रुपये", "1.5 लाख करोड़", "100 अरब डॉलर", "5 खरब", "8.54 करोड़ सहकारी संस्थाएं",
    "22 लाख विक्रेता", "2 लाख एमएसई", "10 लाख पंजीकरण", "5 लाख के ऑर्डर", "करीब 500 करोड़", "तकरीबन 2 लाख",
    "500 करोड़ से ज्यादा", "1 लाख करोड़ के पार", "10 प्रतिशत से कम", "5 लाख रुपये तक", "2 लाख के करीब", "15-20 हजार",
    "500 से 600 करोड़", "10 से 15 प्रतिशत", "50 फीसदी", "शीर्ष 10 राज्यों", "08 में से 06", "दूसरा स्थान", "130 गुना",
    "दोगुना", "तीन सालों में", "तीन महीने", "एक साल में", "24 घंटे", "वित्तीय वर्ष 2024-25", "वित्त वर्ष 2023-24", "वर्ष 2024-25",
    "समिट 2025", "2017 से ही", "9 अगस्त 2016", "नौ अगस्त, 2016", "अगस्त 2016", "26.06.2023", "10 बजे", "एक बड़ा अवसर",
    "दूसरे राज्यों से", "रु. 50 लाख", "50 लाख रुपए", "सौ फीसदी",
    # English
    "Rs 1, 06, 647 crore", "Rs, 28,732.90 crore", "Rs 2,640.5 crore", "₹500", "₹ 1,500 crore", "INR 1,200 crore",
    "17,026,945 rupees", "Rs 1.47 lakh crore", "Rs 7-9 lakh", "Rs 7 to 9 lakh", "two lakh crore rupees",
    "one hundred and twenty crore", "a lakh crore rupees", "twenty-five thousand", "1.47 crore transactions",
    "65,000 sellers", "more than 1.6 lakh buyer organisations", "over 22 lakh sellers", "orders worth Rs 500 crore",
    "orders worth 5 lakh", "$1.5 billion", "US$ 2 billion", "2 billion dollars", "€5 million", "about Rs 500 crore",
    "nearly 40%", "above 50%", "less than 5 per cent", "up to Rs 10 lakh", "12.5 per cent", "top 5 states", "No. 1",
    "6 out of 8", "3rd position", "3x growth", "3-fold", "10 days", "5-year plan", "FY23", "FY 2022-2023", "FY24-25",
    "fiscal 2025", "January 19, 2026", "19th January, 2026", "March 2024", "2026-01-19", "6:03 PM", "4 Min Read",
    "Copyright © 2026", "COVID-19", "G20 summit", "one of the best",
]

# Words for the generated news text.
HI_FILLER = ("जेम पोर्टल के माध्यम से राज्य के सरकारी खरीदारों और विक्रेताओं को पारदर्शी खरीद की सुविधा मिल रही है इस मौके पर "
             "अधिकारियों ने कहा कि डिजिटल खरीद व्यवस्था को और मजबूत किया जाएगा सूक्ष्म एवं लघु उद्यमों स्टार्टअप्स और स्थानीय "
             "उद्यमियों के लिए यह एक बड़ा अवसर है कार्यक्रम में विभागों को सम्मानित किया गया प्रतिस्पर्धा बढ़ती है और सरकार को "
             "उचित कीमत पर सामान और सेवा खरीदने में मदद मिलती है").split()
EN_FILLER = ("the Government e-Marketplace portal helps public buyers procure goods and services in a transparent manner "
             "officials said the state has adopted the platform for all departments and that sellers from small towns "
             "are getting access to national markets the event was attended by senior officers of the department").split()
HI_TEMPLATES = [
    "झारखंड में अब तक जेम पर लगभग {n},{d3} करोड़ के ऑर्डर वैल्यू के साथ {s}.{d1} लाख से अधिक ऑर्डर्स पूरे हो चुके हैं।",
    "राज्य के विक्रेताओं को केंद्रीय मंत्रालयों से {n},{d3} करोड़ के ऑर्डर प्राप्त हुए हैं।",
    "वित्तीय वर्ष 20{y}-{y1} के दौरान {n} करोड़ रुपये की खरीद हुई, जो पिछले वर्ष से {s} गुना अधिक है।",
    "राज्य शीर्ष {s} राज्यों में शामिल है और {s} लाख विक्रेता पंजीकृत हैं।",
    "{w} सालों में {w} लाख करोड़ रुपये से ज्यादा का कारोबार हुआ।",
    "{dd} अगस्त 20{y} को आयोजित कार्यक्रम में {s}{d1} प्रतिशत की वृद्धि बताई गई।",
    "एसएमई को वर्ष 20{y}-{y1} में {n} करोड़ (लगभग {s}{d1}′) के ऑर्डर प्राप्त हुए।",
]
EN_TEMPLATES = [
    "GeM recorded a gross merchandise value of Rs {s}.{d2} lakh crore in FY{y}, officials said.",
    "More than {s} lakh sellers and about {s}.{d1} lakh buyer organisations are registered on the portal.",
    "Orders worth Rs {n},{d3} crore were placed between January {dd}, 20{y} and March 20{y1}.",
    "The state was ranked {s}rd among the top {s} states, with {s}{d1}% of orders going to MSEs.",
    "Procurement rose {s}x to ₹ {n},{d3} crore, nearly {s}{d1} per cent above the target of Rs {n} crore.",
]
HI_WORDS = ["दो", "तीन", "चार", "पांच", "दस", "बीस", "पचास", "डेढ़", "ढाई"]


def news_text(megabytes: float, seed: int) -> str:
    """Deterministic news-like text: paragraphs of Hindi and English filler and number sentences."""
    rng = random.Random(seed)

    def fill(t: str) -> str:
        return t.format(n=rng.randint(1, 999), d3=f"{rng.randint(0, 999):03d}", d2=f"{rng.randint(0, 99):02d}",
                        d1=rng.randint(0, 9), s=rng.randint(1, 9), y=rng.randint(10, 25), y1=rng.randint(11, 26),
                        dd=rng.randint(1, 28), w=rng.choice(HI_WORDS))

    out: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        hindi = rng.random() < 0.6
        words, templates = (HI_FILLER, HI_TEMPLATES) if hindi else (EN_FILLER, EN_TEMPLATES)
        sentences = []
        for _ in range(rng.randint(3, 7)):
            if rng.random() < 0.35:
                sentences.append(fill(rng.choice(templates)))
            else:
                sentences.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))) + ("।" if hindi else "."))
        para = " ".join(sentences) + "\n\n"
        out.append(para)
        size += len(para.encode("utf-8"))
    return "".join(out)


def per_phrase(fn, phrases: list[str], rounds: int, clock=time.perf_counter) -> float:
    """Best-of-5 microseconds per phrase (wall-clock, or the given clock)."""
    for p in phrases:
        fn(p)
    best = float("inf")
    for _ in range(5):
        t = clock()
        for _ in range(rounds):
            for p in phrases:
                fn(p)
        best = min(best, (clock() - t) / (rounds * len(phrases)))
    return best * 1e6


def pathological_lines(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    mb = 1_000_000
    return {
        "random digits and commas": "".join(rng.choice("0123456789,") for _ in range(mb)),
        "1,1,1,...": ("1," * (mb // 2))[:mb],
        "123,123,... (one valid grouping)": "123," * (mb // 4 - 1) + "123",
        "12,34,56,... (Indian-like, never closed)": ("12," * (mb // 3))[:mb],
        "digits only": "9" * mb,
        "1, 2, 3, ... (with spaces: an expression every 3 characters)": ("1, " * (mb // 3))[:mb],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of the generated text in MB (default 4)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    calib = min(timeit.repeat("f()", "def f(): pass", number=200_000, repeat=5)) / 200_000 * 1e9
    print(f"calibration: an empty Python function call takes {calib:.0f} ns on this machine")
    print(native.describe())
    t = time.perf_counter()
    find_numbers("1")  # load and compile the rules
    print(f"first call (load rules, compile scanner): {(time.perf_counter() - t) * 1000:.0f} ms")

    us = per_phrase(find_numbers, PHRASES, rounds=20)
    cpu_us = per_phrase(find_numbers, PHRASES, rounds=20, clock=time.process_time)
    print(f"phrases: {len(PHRASES)}; find_numbers: {us:.1f} µs/phrase wall, {cpu_us:.1f} µs CPU (best of 5)")

    text = news_text(args.mb, args.seed)
    nbytes = len(text.encode("utf-8"))
    t = time.perf_counter()
    found = find_numbers(text)
    dt = time.perf_counter() - t
    print(f"news text: {nbytes / 1e6:.2f} MB, {len(text)} chars, {len(found)} expressions; "
          f"{dt:.2f} s -> {nbytes / 1e6 / dt:.2f} MB/s")
    article = text[:5000]
    t = time.perf_counter()
    for _ in range(20):
        find_numbers(article)
    print(f"5,000-character article: {(time.perf_counter() - t) / 20 * 1000:.2f} ms")

    one_mb = text[: 1_000_000 // 2]  # about 1 MB of UTF-8 (Devanagari is 3 bytes a character)
    tracemalloc.start()
    find_numbers(one_mb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory scanning {len(one_mb.encode('utf-8')) / 1e6:.2f} MB: {peak / 1e6:.1f} MB (tracemalloc); "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    for name, line in pathological_lines(args.seed).items():
        t = time.perf_counter()
        n = len(find_numbers(line))
        print(f"pathological 1 MB line, {name}: {time.perf_counter() - t:.3f} s ({n} expressions)")

    try:
        import number_parser  # type: ignore[import-not-found]
    except ImportError:
        print("number-parser: not importable, comparison skipped")
        return

    def np_parse(p: str) -> str:
        lang = "hi" if any("\u0900" <= c <= "\u097f" for c in p) else "en"
        return number_parser.parse(p, language=lang)

    np_us = per_phrase(np_parse, PHRASES, rounds=5)
    np_cpu = per_phrase(np_parse, PHRASES, rounds=5, clock=time.process_time)
    print(f"number-parser parse(): {np_us:.1f} µs/phrase wall, {np_cpu:.1f} µs CPU; ratio number-parser / "
          f"find_numbers = {np_us / us:.2f} wall, {np_cpu / cpu_us:.2f} CPU")


if __name__ == "__main__":
    main()
