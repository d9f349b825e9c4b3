"""Scoring the pipeline's CSVs against gold JSON files, exactly as CONTRACT.md says.

Owns the key normalisation (Unicode NFC with nukta letters decomposed, whitespace collapsed, Latin
case-folded, honorifics removed from names), the key and scored attributes of each record type,
one-to-one matching of records to gold entries per article, and precision / recall / F1 per type
with per-attribute accuracy over matched pairs. Only articles that have a gold file are scored.
It reads gold; nothing in extraction ever does.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import lexicon
from ..output.csvsafe import read_csv
from ..normalise import fold

KEYS = {
    "states": ("state",),
    "officials": ("name", "designation_en"),
    "awards": ("tier", "recipient", "category_en"),
    "order_values": ("inr",),
    "counts": ("value",),
    "events": ("name",),
}
ATTRIBUTES = {
    "states": ("primary",),
    "officials": ("organisation", "name_en"),
    "awards": ("state",),
    "order_values": ("qualifier", "role", "state", "counterparty", "segment", "period"),
    "counts": ("qualifier", "unit"),
    "events": ("city", "state", "date"),
}
META_FIELDS = ("title", "published", "publisher", "dateline")


def norm(value) -> str:
    """Contract normalisation of one value; None, empty and false-y text compare as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return fold(str(value))


def _strip_honorific(name: str) -> str:
    words = name.split()
    hons = {fold(h.rstrip(".")) for h in lexicon.people()["honorifics"]}
    while words and fold(words[0].rstrip(".")) in hons:
        words = words[1:]
    return " ".join(words)


def _loose(name: str) -> str:
    return norm(name).replace("ee", "i").replace("oo", "u")


def field_value(kind: str, field: str, value) -> str:
    if field == "name" and kind == "officials":
        return norm(_strip_honorific(norm(value)))
    if field == "name_en":
        return _loose(value)
    if field in ("inr", "value"):
        return str(int(value)) if str(value).strip() not in ("", "None") else ""
    return norm(value)


def _key(kind: str, rec: dict) -> tuple:
    return tuple(field_value(kind, f, rec.get(f)) for f in KEYS[kind])


def _match(kind: str, gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs with equal keys; among equal keys, the pair agreeing on most attributes."""
    pairs = []
    free = list(gold)
    for p in pred:
        candidates = [g for g in free if _key(kind, g) == _key(kind, p)]
        if not candidates:
            continue
        best = max(candidates, key=lambda g: sum(field_value(kind, a, g.get(a)) == field_value(kind, a, p.get(a))
                                                 for a in ATTRIBUTES[kind]))
        free.remove(best)
        pairs.append((best, p))
    return pairs


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data.get("article_id") or path.stem] = data
    return gold


def load_output(out_dir: str | Path) -> dict[str, dict[str, list[dict]]]:
    """record type -> article_id -> rows, and 'articles' -> article_id -> [row]."""
    out: dict[str, dict[str, list[dict]]] = {}
    for kind in list(KEYS) + ["articles"]:
        path = Path(out_dir) / f"{kind}.csv"
        rows = read_csv(path).rows if path.exists() else []
        by_article: dict[str, list[dict]] = {}
        for r in rows:
            by_article.setdefault(r["article_id"], []).append(r)
        out[kind] = by_article
    return out


def score(gold_dir: str | Path, out_dir: str | Path) -> dict[str, dict]:
    """{record type: {gold, predicted, matched, precision, recall, f1, attributes: {attr: accuracy}}}."""
    gold = load_gold(gold_dir)
    output = load_output(out_dir)
    result = {}
    for kind in KEYS:
        n_gold = n_pred = n_match = 0
        agree = {a: 0 for a in ATTRIBUTES[kind]}
        for article_id, g in gold.items():
            gold_recs = g.get(kind) or []
            pred_recs = output[kind].get(article_id, [])
            pairs = _match(kind, gold_recs, pred_recs)
            n_gold += len(gold_recs)
            n_pred += len(pred_recs)
            n_match += len(pairs)
            for gr, pr in pairs:
                for a in ATTRIBUTES[kind]:
                    agree[a] += field_value(kind, a, gr.get(a)) == field_value(kind, a, pr.get(a))
        p = n_match / n_pred if n_pred else 1.0
        r = n_match / n_gold if n_gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[kind] = dict(gold=n_gold, predicted=n_pred, matched=n_match, precision=p, recall=r, f1=f1,
                            attributes={a: (agree[a] / n_match if n_match else 1.0) for a in ATTRIBUTES[kind]})
    result["articles"] = _score_meta(gold, output["articles"])
    return result


def _score_meta(gold: dict[str, dict], rows: dict[str, list[dict]]) -> dict:
    """Article metadata accuracy (reported, not part of the contract's F1)."""
    agree = {f: 0 for f in META_FIELDS}
    n = 0
    for article_id, g in gold.items():
        row = (rows.get(article_id) or [{}])[0]
        n += 1
        for f in META_FIELDS:
            agree[f] += norm((g.get("article") or {}).get(f)) == norm(row.get(f))
    return dict(gold=n, attributes={f: (agree[f] / n if n else 1.0) for f in META_FIELDS})


def report(scores: dict[str, dict]) -> str:
    lines = [f"{'type':<13} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}  attributes"]
    for kind in KEYS:
        s = scores[kind]
        attrs = "  ".join(f"{a}={v:.2f}" for a, v in s["attributes"].items())
        lines.append(f"{kind:<13} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} "
                     f"{s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f}  {attrs}")
    meta = scores["articles"]
    lines.append(f"{'articles':<13} {meta['gold']:>5} {'':>5} {'':>5} {'':>6} {'':>6} {'':>6}  "
                 + "  ".join(f"{a}={v:.2f}" for a, v in meta["attributes"].items()))
    return "\n".join(lines)


def usage_problem(gold_dir: str | Path, out_dir: str | Path) -> tuple[int, str]:
    """(exit code, message) when there is nothing to score: no gold folder or no gold file in it
    (2), no output folder (2), or an output folder without articles.csv (1); (0, "") otherwise."""
    gold, out = Path(gold_dir), Path(out_dir)
    if not gold.is_dir():
        return 2, f"no gold folder {gold_dir}"
    if not any(gold.glob("*.json")):
        return 2, f"no gold files (*.json) in {gold_dir}: nothing to score against"
    if not out.is_dir():
        return 2, f"no output folder {out_dir}: run `gem-extract run ... --out {out_dir}` first"
    if not (out / "articles.csv").is_file():
        return 1, f"no articles.csv in {out_dir}: it holds no pipeline output to score"
    return 0, ""


def command(args) -> int:
    code, problem = usage_problem(args.gold, args.out)
    if code:
        print(f"gem-extract eval: {problem}", file=sys.stderr)
        return code
    scores = score(args.gold, args.out)
    print(json.dumps(scores, indent=1, sort_keys=True) if args.json else report(scores))
    if args.min_f1 is not None:
        low = [k for k in KEYS if scores[k]["f1"] < args.min_f1]
        if low:
            print(f"gem-extract eval: F1 below {args.min_f1} for {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


def mismatches(gold_dir: str | Path, out_dir: str | Path, kind: str) -> list[str]:
    """Human-readable differences for one record type: missed gold, extra records, wrong attributes."""
    gold = load_gold(gold_dir)
    output = load_output(out_dir)
    lines = []
    for article_id, g in gold.items():
        gold_recs = g.get(kind) or []
        pred_recs = output[kind].get(article_id, [])
        pairs = _match(kind, gold_recs, pred_recs)
        matched_g = [id(a) for a, _ in pairs]
        matched_p = [id(b) for _, b in pairs]
        lines += [f"{article_id}: missed {_key(kind, r)}" for r in gold_recs if id(r) not in matched_g]
        lines += [f"{article_id}: extra {_key(kind, r)} ({r.get('rule')}: {r.get('evidence')!r})"
                  for r in pred_recs if id(r) not in matched_p]
        for gr, pr in pairs:
            for a in ATTRIBUTES[kind]:
                if field_value(kind, a, gr.get(a)) != field_value(kind, a, pr.get(a)):
                    lines.append(f"{article_id}: {_key(kind, gr)} {a}: gold {gr.get(a)!r}, got {pr.get(a)!r}")
    return lines
