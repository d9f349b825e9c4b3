"""Layout and sentences as data: which lines are boilerplate, which are headlines, where sentences end."""
from __future__ import annotations

import pytest

from extract import rules
from extract.text import layout
from extract.text.layout import analyse
from extract.text.sentences import split

LAYOUT_CASES = [
    # (id, text, [(line start, kind)])
    ("related-news-run", "जेम की खबर\n\nपहला वाक्य है।\n\nये भी पढ़ें- जेम पर 500 करोड़ का ऑर्डर\n\nदूसरी खबर का शीर्षक\n\nTAGGED:\nजेम\nGEM EVENT",
     [("जेम की खबर", "title"), ("पहला", "paragraph"), ("ये भी", "related"), ("दूसरी", "related"), ("TAGGED", "tags"),
      ("जेम\n", "tags"), ("GEM EVENT", "tags")]),
    ("caption-and-byline", "Title line\n\nकार्यक्रम में अधिकारी (Photo: PTI)\nBy Our Correspondent\nPublished : January 19, 2026\nबात हुई।",
     [("Title", "title"), ("कार्यक्रम", "caption"), ("By Our", "byline"), ("Published", "byline"), ("बात", "paragraph")]),
    ("ticker-url-advert", "LIVE: Sensex 81,234\nhttps://example.com/gem-1200-crore\nजेम की खबर\nAdvertisement\nपाठ है।",
     [("LIVE", "ticker"), ("https", "url"), ("जेम की खबर", "title"), ("Advertisement", "advert"), ("पाठ", "paragraph")]),
    ("masthead-above-title", "Press Information Bureau\nGovernment of India\n\nGeM records high GMV\n\nNew Delhi, 1 May 2026: text.",
     [("Press", "masthead"), ("Government", "masthead"), ("GeM records", "title"), ("New Delhi", "paragraph")]),
    ("heading-between-paragraphs", "जेम की खबर\n\nपहला अनुच्छेद है।\n\nजेम पर बढ़ी खरीद\n\nदूसरा अनुच्छेद है।",
     [("जेम की खबर", "title"), ("पहला", "paragraph"), ("जेम पर", "heading"), ("दूसरा", "paragraph")]),
    # page chrome above the headline: a clock, placeholders, a lone category word, a glued breadcrumb
    ("top-chrome", "Wednesday, Apr 24 2024 | 16:13 Hrs(IST)\nimage\nमुम्बई\nHomeउत्तराखंडजेम पोर्टल...\n\nजेम पोर्टल से खरीद जरूरी\n\nहल्द्वानी। पाठ है।",
     [("Wednesday", "clock"), ("image", "chrome"), ("मुम्बई", "label"), ("Home", "chrome"), ("जेम पोर्टल से", "title"), ("हल्द्वानी", "paragraph")]),
    # a keyword line above a Devanagari headline is chrome (a tag list)
    ("latin-chrome-above-hindi", "Dr. A. Kumar, MSME, Gem portal, endorsement\n\nजेम पोर्टल पर खरीद बढ़ी\n\nजयपुर, 17 जनवरी। पाठ है।",
     [("Dr.", "tags"), ("जेम पोर्टल", "title"), ("जयपुर", "paragraph")]),
    # the crawler's date line glued to the first paragraph: the paragraph stays content
    ("crawler-date-prefix", " date 2022-09-22 Sellers in Tamil Nadu have won business worth Rs 7,400 crore, an official said.\n\nSecond paragraph.",
     [("date 2022", "meta"), ("Sellers", "paragraph"), ("Second", "paragraph")]),
    ("crawler-date-publisher", " date 2026-01-19 ETV Bharat / state\n\nजेम की खबर\n\nपाठ है।", [("date", "meta"), ("जेम", "title"), ("पाठ", "paragraph")]),
    # an article that opens with its body has no headline
    ("no-headline", "उत्तर प्रदेश के सभी 75 जिलों में कार्यशालाएं शुरू हुईं. यह दौर 31 अगस्त तक चलेगा.\nदूसरा अनुच्छेद है।",
     [("उत्तर", "paragraph"), ("दूसरा", "paragraph")]),
    ("quiz-and-slug", "जीईएम और दिल्ली सरकार के बीच करार\n\nGAIL-press-conference-online\nप्रश्न-कितने राज्य जुड़े?\n(क) 25\n(ख) 30\nउत्तर-(ख)\nअभी तक 30 राज्य जुड़े हैं।",
     [("जीईएम", "title"), ("GAIL", "url"), ("प्रश्न", "paragraph"), ("(क)", "quiz"), ("(ख)", "quiz"), ("उत्तर", "quiz"), ("अभी", "paragraph")]),
    ("ad-banner-and-comment-form", "GeM news today\n\nText here.\n\n---Advertisement---Govt completes 1000 days\n\nWritten by\n\nLeave a Comment\n\nWe will not publish your email address.",
     [("GeM", "title"), ("Text", "paragraph"), ("---", "advert"), ("Written", "byline"), ("Leave", "footer"), ("We will", "footer")]),
    # a keyword line without a label; a headline list of states is no keyword line
    ("keyword-line", "GeM news today\n\nText here.\n\nGeM, MSME, Jharkhand, procurement, Ranchi\nKarnataka, Uttarakhand, Himachal Pradesh and Andhra Pradesh join",
     [("GeM news", "title"), ("Text", "paragraph"), ("GeM, MSME", "tags"), ("Karnataka", "heading")]),
    ("desk-byline-pipes", "GeM news today\n\nPTI | New Delhi | Created: 15-02-2021 22:01 IST | Updated: 15-02-2021 22:01 IST\nPIB Delhi | Posted On: 24 DEC 2019 11:24AM\nText here.",
     [("GeM", "title"), ("PTI", "byline"), ("PIB", "byline"), ("Text", "paragraph")]),
    # menus and breadcrumbs between bars, slashes or arrows are no headline; a "Follow us" prompt above
    # the headline claims nothing; publication lines in other wordings are bylines
    ("menu-lines-above-headline", "होम / राजस्थान / जयपुर\nखेल | मनोरंजन | वीडियो\nFollow us on Google News\n\nजयपुर में जेम कार्यशाला आयोजित\n\nजोधपुर ब्यूरो\nअपडेटेड मंगलवार, 11 मार्च 2025\n\nजयपुर: पाठ है।",
     [("होम", "breadcrumb"), ("खेल", "breadcrumb"), ("Follow", "footer"), ("जयपुर में", "title"), ("जोधपुर", "byline"), ("अपडेटेड", "byline"), ("जयपुर:", "paragraph")]),
    ("english-menu-and-published-line", "WORLD | ODISHA\nMarkets • Gold • Rupee • Crude oil\n\nOdisha buys Rs 900 crore on GeM\n\nFirst Published: Jan 14 2026 | 9:10 AM IST\nPublished Date - 14 January 2026, 09:10 AM\n\nBhubaneswar: Text here.",
     [("WORLD", "breadcrumb"), ("Markets", "ticker"), ("Odisha buys", "title"), ("First", "byline"), ("Published Date", "byline"), ("Bhubaneswar", "paragraph")]),
    # a newspaper's masthead and a section label above the headline; a network line and a relative stamp are bylines
    ("masthead-and-section-label", "राजस्थान पत्रिका\nलखनऊ समाचार\nलखनऊ में जेम पर विक्रेता सम्मेलन, 900 उद्यमी जुड़े\nपत्रिका न्यूज नेटवर्क, लखनऊ\nलखनऊ 3 घंटे पहले\n\nलखनऊ। पाठ है।",
     [("राजस्थान", "masthead"), ("लखनऊ समाचार", "label"), ("लखनऊ में", "title"), ("पत्रिका", "byline"), ("लखनऊ 3", "byline"), ("लखनऊ।", "paragraph")]),
    ("english-masthead-desk-and-author", "The Tribune\nPunjab\nPunjab units win GeM orders worth Rs 410 crore this year\nTribune News Service, Ludhiana\nAsha Verma Ludhiana\n\nLudhiana: Text here.",
     [("The Tribune", "masthead"), ("Punjab\n", "label"), ("Punjab units", "title"), ("Tribune News", "byline"), ("Asha", "byline"), ("Ludhiana:", "paragraph")]),
    # a currency word at a line end and its bare figure on the next line are one paragraph, not a clock
    ("currency-then-bare-figure", "जेम की खबर\n\nखरीद रु.\n12 करोड़ की हुई।", [("जेम", "title"), ("खरीद", "paragraph")]),
    # a chrome word that is also part of a paper's name is no masthead without its "The"
    ("print-button-is-no-masthead", "Print\nGeM sales rise by a fifth in the first half of the year\n\nText here.",
     [("Print", "label"), ("GeM sales", "title"), ("Text", "paragraph")]),
    ("subheading-ending-in-a-city-is-no-author-line", "Sellers win more GeM orders this year\nWorkshop held in Ranchi\n\nRanchi: Text here.",
     [("Sellers", "title"), ("Workshop", "heading"), ("Ranchi:", "paragraph")]),
    # a summary under its label stands above the headline; a headline ending on a postposition stays one line
    ("synopsis-above-headline", "Synopsis\nRailway buyers led purchases on the portal this year.\n\nGeM purchases by railways rise to Rs 900 crore\n\nText here.",
     [("Synopsis", "label"), ("Railway", "paragraph"), ("GeM purchases", "title"), ("Text", "paragraph")]),
    ("headline-ending-on-postposition", "जेम से खरीद में जिला प्रदेश में सबसे आगे पर\nइंदौर, वरिष्ठ संवाददाता। पाठ है।",
     [("जेम से", "title"), ("इंदौर", "paragraph")]),
    # a headline with a bar and long parts is still a headline
    ("headline-with-bar", "GeM procurement crosses Rs 2 lakh crore this year | Economy news\n\nText here.",
     [("GeM procurement", "title"), ("Text", "paragraph")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in LAYOUT_CASES], ids=[c[0] for c in LAYOUT_CASES])
def test_layout(text, expected):
    blocks = analyse(text).blocks
    got = [(text[b.start:b.end], b.kind) for b in blocks]
    assert len(got) == len(expected), got
    for (block_text, kind), (prefix, want) in zip(got, expected):
        assert block_text.startswith(prefix.rstrip("\n")) and kind == want, (block_text, kind, prefix, want)


def test_amount_split_over_a_line_break_is_one_paragraph():
    text = "शीर्षक\n\nविक्रेताओं को 4,318\nकरोड़ रुपये के ऑर्डर मिले।"
    paras = [b for b in analyse(text).blocks if b.kind == "paragraph"]
    assert len(paras) == 1 and text[paras[0].start:paras[0].end].endswith("मिले।")


SENTENCE_CASES = [
    ("danda", "पहला वाक्य। दूसरा वाक्य।", ["पहला वाक्य।", "दूसरा वाक्य।"]),
    ("abbreviations", "डॉ. नेहा जैन और श्री. राम आए। Rs. 5 crore went to Ltd. firms. Next one.",
     ["डॉ. नेहा जैन और श्री. राम आए।", "Rs. 5 crore went to Ltd. firms.", "Next one."]),
    ("decimals-and-initials", "1.5 लाख ऑर्डर हुए. Shri A. K. Singh spoke? Yes!", ["1.5 लाख ऑर्डर हुए.", "Shri A. K. Singh spoke?", "Yes!"]),
    ("quote-closes-sentence", "उन्होंने कहा, 'ठीक है।' फिर गए।", ["उन्होंने कहा, 'ठीक है।'", "फिर गए।"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES])
def test_sentences(text, expected):
    full = "जेम की खबर\n\n" + text
    got = [full[s.start:s.end] for s in split(analyse(full))][1:]
    assert got == expected


LINE_END_CASES = [
    ("lf", "\n"), ("crlf", "\r\n"), ("cr-only", "\r"),
]


@pytest.mark.parametrize("sep", [c[1] for c in LINE_END_CASES], ids=[c[0] for c in LINE_END_CASES])
def test_cr_and_crlf_end_lines(sep):
    text = sep.join(["जेम पर खरीद बढ़ी", "", "रांची। पहला अनुच्छेद है।", "", "ये भी पढ़ें: दूसरी खबर", "दूसरा अनुच्छेद है।"])
    blocks = analyse(text).blocks
    got = [(text[b.start:b.end], b.kind) for b in blocks]
    assert got == [("जेम पर खरीद बढ़ी", "title"), ("रांची। पहला अनुच्छेद है।", "paragraph"),
                   ("ये भी पढ़ें: दूसरी खबर", "related"), ("दूसरा अनुच्छेद है।", "paragraph")]


def test_article_on_one_line_is_laid_out_from_its_sentences():
    sentence = "जेम पोर्टल पर विभागों ने 1,600 करोड़ रुपये की खरीद की। "
    text = sentence * 60 + "Dr. Singh said so. Shri A. K. Singh came."
    blocks = analyse(text).blocks
    assert len(blocks) >= 5 and all(b.kind == "paragraph" for b in blocks)
    assert all(text[b.start:b.end] == text[b.start:b.end].strip() for b in blocks)
    assert all(len(text[b.start:b.end]) < 600 for b in blocks)  # paragraphs of about 500 characters
    assert all(text[b.start:b.end][-1] in "।." for b in blocks)  # cut at sentence ends
    assert text[blocks[-1].start:blocks[-1].end].endswith("Dr. Singh said so. Shri A. K. Singh came.")
    sentences = split(analyse(text))
    assert len(sentences) == 62 and [text[s.start:s.end] for s in sentences][-2:] == ["Dr. Singh said so.", "Shri A. K. Singh came."]


def test_boilerplate_gives_no_record_of_any_type():
    """Breadcrumb, clock, tickers, byline, related link run, adverts, tags, hashtags, share and comment
    chrome and a copyright footer all name states and amounts; only the headline and body count."""
    from pathlib import Path

    from extract.pipeline import process
    from extract.text import reader

    text = (Path(__file__).parent / "chrome_article.txt").read_text(encoding="utf-8")
    result = process(reader.Source("chrome", "", text, ""))
    body = text.index("Jharkhand departments")
    tail = text.index("Also read")
    for kind, recs in result.records.items():
        for r in recs:
            assert body <= r.start < tail, (kind, r.evidence)
    assert {r.state for r in result.records["states"]} == {"Jharkhand"}
    assert [r.inr for r in result.records["order_values"]] == [16_000_000_000]
    assert result.row["publisher"] == "Some News" and result.row["dateline"] == "Ranchi"


def test_long_line_opening_with_chrome_keeps_its_body():
    body = "जेम पोर्टल पर झारखंड के विभागों ने 1,600 करोड़ रुपये की खरीद की। " * 8
    text = "Home › News › GeM. " + body
    blocks = analyse(text).blocks
    assert blocks[0].kind == "breadcrumb" and text[blocks[0].start:blocks[0].end] == "Home › News › GeM."
    assert all(b.kind == "paragraph" for b in blocks[1:]) and len(blocks) >= 2


META_CASES = [
    # (id, text, {meta field: expected})
    ("posted-by-office-city-dropped", "Ministry of Steel\n\nSAIL wins GeM award\n\nPosted On: 03 MAR 2025 2:15PM by PIB Mumbai\n\nSAIL has won an award.",
     {"title": "SAIL wins GeM award", "published": "2025-03-03", "publisher": "PIB"}),
    ("hindi-entry-date-line", "इस्पात मंत्रालय\n\nजेम पर सेल को पुरस्कार\n\nप्रविष्टि तिथि: 03 MAR 2025 2:15PM by PIB Delhi\n\nसेल को पुरस्कार मिला।",
     {"title": "जेम पर सेल को पुरस्कार", "published": "2025-03-03", "publisher": "PIB"}),
    ("journalist-byline-is-no-publisher", "GeM news today\n\nBy Asha Rao\nUpdated on - 7 May 2024, 10:00 AM\n\nPatna: Text here.",
     {"title": "GeM news today", "published": "2024-05-07", "publisher": ""}),
    ("place-and-date-between-bars", "लखनऊ | 05 मार्च 2024\n\nजेम पर खरीद बढ़ी\n\nलखनऊ: पाठ है।",
     {"title": "जेम पर खरीद बढ़ी", "published": "2024-03-05"}),
    ("menu-set-apart-by-spaces", "ताज़ा ख़बरें  खेल  मनोरंजन  वीडियो\n\nजेम पर खरीद बढ़ी\n\nपाठ है।", {"title": "जेम पर खरीद बढ़ी"}),
    ("updated-on-without-colon", "Last Updated on Jan 9, 2025 10:12 am\n\nGeM adds sellers in Bihar\n\nText here.",
     {"title": "GeM adds sellers in Bihar", "published": "2025-01-09"}),
    ("posted-by-admin-on", "Posted by Newsdesk on 9 January 2025\n\nGeM adds sellers in Bihar\n\nText here.",
     {"title": "GeM adds sellers in Bihar", "published": "2025-01-09", "publisher": ""}),
    ("pib-desk-line", "GeM adds 2 lakh sellers\n\nPIB Hyderabad\n\nGeM has added sellers.", {"publisher": "PIB"}),
    # mastheads, desk lines and sign-offs of Indian news pages name the publisher; datelines behind a desk
    ("hindi-masthead-and-desk-dateline", "नई दुनिया\nमध्य प्रदेश\nभोपाल में जेम कार्यशाला, विभागों ने 500 करोड़ की खरीद की\n\nस्टेट ब्यूरो, भोपाल। पाठ है।",
     {"title": "भोपाल में जेम कार्यशाला, विभागों ने 500 करोड़ की खरीद की", "publisher": "नई दुनिया", "dateline": "भोपाल"}),
    ("network-line-publisher-and-city", "जेम से खरीद में जिला पिछड़ा, अब होगी समीक्षा\nलोकमत न्यूज नेटवर्क, नागपुर\n\nविकास भवन में बैठक हुई।",
     {"publisher": "लोकमत", "dateline": "नागपुर"}),
    ("sign-off-publisher-and-author-city", " date 2024-05-02 FE Bureau\nGeM sales rise 20 per cent in April\nAnita Roy Kolkata\n\nSales rose in April.\n\n(Catch all the latest news on Financial Express.)",
     {"publisher": "Financial Express", "dateline": "Kolkata", "published": "2024-05-02"}),
    ("published-line-beats-update-stamp", "GeM meet held in Mysuru\nUpdated - June 4, 2024 09:00 am IST - MYSURU\n\nText here.\n\nPublished - June 3, 2024 08:15 pm IST",
     {"published": "2024-06-03", "updated_only": True, "dateline": "MYSURU"}),
    ("caps-site-name-in-a-blurb", "Your daily dose of district news from PURVANCHAL TIMES, every hour.\nरिपोर्ट: अ.ब. सिंह\nजेम पोर्टल पर जिले की खरीद बढ़ी\n\nजिले के सरकारी विभागों ने इस वर्ष पोर्टल से खरीद बढ़ाई है और विक्रेताओं की संख्या भी बढ़ी है।",
     {"publisher": "PURVANCHAL TIMES", "title": "जेम पोर्टल पर जिले की खरीद बढ़ी"}),
    ("date-of-an-event-is-not-the-report-date", "जेम शिविर लगा\n\nइसके लिए दिनांक 11.03.2025 को शिविर लगाया गया।", {"published": ""}),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in META_CASES], ids=[c[0] for c in META_CASES])
def test_metadata(text, expected):
    from extract.text import document, reader

    meta = document.build(reader.Source("m", "", text, "")).meta
    assert {k: getattr(meta, k) for k in expected} == expected


def _corpus_lines() -> list[str]:
    from pathlib import Path

    from extract.normalise import normalise
    from extract.text.layout import _lines

    root = Path(__file__).resolve().parents[2] / "corpus"
    out = []
    for p in sorted(root.rglob("*.txt")):
        norm = normalise(p.read_text(encoding="utf-8-sig")).norm
        out += [norm[s:e].strip() for s, e in _lines(norm)]
        out.append(norm.strip())  # a long line: every pattern runs to its end
    return out


def test_marker_gates_lose_no_match():
    """The gates in front of the marker patterns only skip patterns that cannot match: every line
    of the corpora (and lines made to open or end like a marker) gets the marker that trying every
    pattern of every marker in order gives."""
    from extract.text.layout import _first_marker, _rules

    markers = _rules()[0]
    extra = ["Ministry of Micro, Small and Medium Enterprises", "ABC Infra Ltd.", "XYZ Private LIMITED", "उद्योग मंत्रालय",
             "भारत पेट्रोलियम लिमिटेड", "Patna Bureau", "राज्य ब्यूरो", "जयपुर 5 घंटे पहले", "Updated 2 hours ago",
             "(Catch all the Business News on The Economic Times.)", "( Read all the news at X Y", "spot_imgspot_img",
             "gem-portal-news-2024", "होम / राज्य / बिहार", "ताज़ा ख़बरें  राज्य  देश  विदेश", "a • b • c", "सोना ₹ 62,000 •",
             "--- Advertisement", "PTI | New Delhi | 12 March 2024", "Staff did not edit", "(Devdiscourse staff did not edit this)",
             "This story is generated automatically from a syndicated feed", "5 Mins Read", "Posted On: 12 Mar", "First Published: x",
             "अपडेटेड: 12 मार्च 2024", "Express News Service, Chennai", "अमर उजाला नेटवर्क, गोरखपुर", "Wednesday, Apr 24 2024 | 16:13",
             "12:30 PM IST", "İST 12:30", "सोमवार, 12 मार्च 2024", "Mon, 12 Mar 2024 10:30 IST", "12/03/2024",
             "शुक्रवार 5 अप्रैल | 10:30", "Sunday 5 May", "मई 2024 में", "DESK", "Home › News", "x\t\ty\t\tz", "", "The Hindu", "DH News Service",
             "The Times of India", "Imphal  Free Press", "THE NEW INDIAN EXPRESS", "दैनिक भास्कर", "लाइव हिंदुस्तान टाइम्स", "NDTV इंडिया",
             "ज़ी न्यूज़", "राजस्थान पत्रिका", "Star of Mysore", "Mid-Day", "The Free Press Journal", "The Times of India today",
             "5 MİNS READ", "12   Min Read", "Last Updated On 12 Mar 2024", "Posted - 5 March", "प्रविष्टि तिथि: 12 मार्च 2024",
             "अद्यतन 12 मार्च", "प्रधानमंत्री ने कहा 5", "Union Budget 2024"]
    for s in _corpus_lines() + extra:
        for top in (True, False):
            plain = next((m.id for m in markers if (top or not m.top_only) and m.full.match(s)), None)
            gated = _first_marker(s, top)
            assert (gated.id if gated else None) == plain, (s[:80], top)


def test_every_gate_is_named_by_a_pattern_that_opens_with_no_literal_text():
    """rules/layout.toml names a gate beside a pattern that needs one (a gate nothing names is stale;
    a pattern with a literal opening is gated by it, not by a named gate)."""
    from extract import rules as rules_module
    from extract.text.layout import _GATE_MAKERS, _GATES

    named = set()
    for entry in rules_module.table("layout", "marker"):
        for p in entry["patterns"]:
            if isinstance(p, dict):
                named.add(p["gate"])
                assert layout._literal_prefix(p["pattern"]) == "", p["pattern"]
    assert named == set(_GATES) | set(_GATE_MAKERS)


def test_an_unknown_gate_is_a_rule_error():
    with pytest.raises(rules.RuleError, match="unknown gate"):
        layout._gate("layout.test", {"pattern": "x", "gate": "no_such_gate"})
    with pytest.raises(rules.RuleError, match="most"):
        layout._gate("layout.test", {"pattern": "x", "gate": "name_of_words"})


def test_content_scripts_are_those_of_the_content_blocks():
    """The letters of the content blocks, worked out from the article's count less the boilerplate's,
    are those counted on the content blocks themselves (every letter of an article is in a block)."""
    from pathlib import Path

    from extract.normalise import normalise, script_counts
    from extract.text.document import _content_scripts
    from extract.text.layout import analyse

    root = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(root.rglob("*.txt"))]
    texts += ["Menu\n\nगोरखपुर: जेम पोर्टल पर 5 करोड़ की खरीद।\r\nAlso Read\nGeM news\u2028© 2024 Amar Ujala", " \n\t", ""]
    for text in texts:
        layout = analyse(normalise(text))
        norm = layout.nt.norm
        direct = script_counts("\n".join(norm[b.nstart:b.nend] for b in layout.blocks if not b.boilerplate))
        assert _content_scripts(layout) == direct
        assert layout.scripts == script_counts(norm)


@pytest.mark.parametrize("source,alternation", [
    (r"\((photo|फोटो|file)\b[^()]{0,40}\)\s*$", False),  # the rule's alternatives are inside a group
    (r"x|\(photo\)\s*$", True),  # a branch that need not end in the bracket
    (r"[|(]photo\)\s*$", False),  # a bar in a character class
    (r"\|photo\)\s*$", False),  # an escaped bar
    (r"(?:a|b)(c)|\(d\)\s*$", True),
])
def test_the_caption_credit_check_finds_a_bar_outside_brackets(source, alternation):
    assert layout._top_level_alternation(source) is alternation
