"""scripts/eval-html's scorer: newsfs's records (JSON lines from
build/html-extract) and readability-lxml's output on the same pages, against
the expected texts and metadata. See scripts/eval-html for the measures."""
import collections
import html.parser
import json
import os
import re
import sys
import time
import unicodedata

TOKEN = re.compile(r"\w+")
VERBOSE = os.environ.get("VERBOSE") == "1"
NO_PEER = os.environ.get("NO_PEER") == "1"


def shingles(text):
    toks = [t.lower() for t in TOKEN.findall(text)]
    if len(toks) < 4:
        return collections.Counter([tuple(toks)] if toks else [])
    return collections.Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def prf(got, want):
    g, w = shingles(got), shingles(want)
    common = sum((g & w).values())
    p = common / sum(g.values()) if g else 0.0
    r = common / sum(w.values()) if w else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
          "pre", "tr", "figure", "figcaption", "section", "article", "header",
          "footer", "ul", "ol", "dl", "dt", "dd", "table", "aside", "nav",
          "main", "address", "caption", "details", "summary", "hr", "form"}


class ToText(html.parser.HTMLParser):
    """HTML to paragraphs, as the corpus made its expected texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras, self.cur, self.pre, self.skip = [], [], 0, 0

    def flush(self):
        s = "".join(self.cur)
        s = s if self.pre else re.sub(r"[ \t\r\n\f]+", " ", s).strip()
        if s.strip():
            self.paras.append(s)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCKS:
            self.flush()
            self.pre += tag == "pre"
        elif tag == "br":
            self.cur.append("\n")
        elif tag in ("td", "th"):
            self.cur.append("\t")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)

    def text(self):
        self.flush()
        return "\n\n".join(self.paras)


def html_to_text(s):
    p = ToText()
    p.feed(s)
    p.close()
    return p.text()


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"',
                        "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u00a0": " ", "\u00ab": '"', "\u00bb": '"'})
SEP = re.compile(r"^\s*(\||-|::|·|»|/|:|_)\s*")


def norm_title(s):
    s = unicodedata.normalize("NFKC", s or "").translate(QUOTES).casefold()
    return re.sub(r"\s+", " ", s).strip()


def title_ok(got, want):
    g, w = norm_title(got), norm_title(want)
    if not g or not w:
        return False
    if g == w:
        return True
    # One is the other and a site name after (or before) a separator.
    for a, b in ((g, w), (w, g)):
        if a.startswith(b) and SEP.match(a[len(b):]):
            return True
        if a.endswith(b) and re.search(r"(\||-|::|·|»|_)\s*$", a[:-len(b)]):
            return True
    return False


def load_peer():
    if NO_PEER:
        return None
    try:
        import logging
        logging.disable(logging.CRITICAL)
        from readability import Document
        return Document
    except ImportError:
        print("eval-html: readability-lxml missing (scripts/deps eval-html)",
              file=sys.stderr)
        return None


def run_peer(Document, raw):
    t0 = time.perf_counter()
    try:
        doc = Document(raw)
        body = doc.summary(html_partial=True)
        title = doc.short_title()
    except Exception as e:  # it gives up on some pages
        return "", "", time.perf_counter() - t0, str(e)
    return html_to_text(body), title, time.perf_counter() - t0, None


def first_missing(got, want):
    """The first expected paragraph (of some length) newsfs lacks, and the
    first paragraph newsfs kept that is not expected."""
    gs, ws = shingles(got), shingles(want)
    miss = extra = ""
    for para in want.split("\n\n"):
        sh = shingles(para)
        if sum(sh.values()) >= 4 and not (sh & gs):
            miss = para
            break
    for para in got.split("\n\n"):
        sh = shingles(para)
        if sum(sh.values()) >= 4 and not (sh & ws):
            extra = para
            break
    return miss[:90], extra[:90]


def main():
    pages_dir, ours_path = sys.argv[1], sys.argv[2]
    ours = {}
    with open(ours_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            ours[os.path.basename(os.path.dirname(r["file"]))] = r
    silver = {}
    sp = os.path.join(pages_dir, "silver-dev.tsv")
    if os.path.exists(sp):
        with open(sp, encoding="utf-8") as f:
            next(f)
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 1 and cols[1]:
                    silver[cols[0]] = cols[1]
    Document = load_peer()
    rows = []
    cand_ok = collections.Counter()
    cand_n = collections.Counter()
    bytes_total = 0
    us_total = 0
    peer_s = 0.0
    for name in sorted(ours):
        d = os.path.join(pages_dir, name)
        with open(os.path.join(d, "expected.txt"), encoding="utf-8") as f:
            want = f.read()
        with open(os.path.join(d, "metadata.json"), encoding="utf-8") as f:
            meta = json.load(f)
        with open(os.path.join(d, "source.html"), "rb") as f:
            raw = f.read()
        bytes_total += len(raw)
        r = ours[name]
        us_total += r["us"]
        got = r.get("text") or ""
        p, rc, f1 = prf(got, want)
        row = {"name": name, "p": p, "r": rc, "f": f1, "got": got,
               "want": want}
        row["title"] = r.get("title")
        row["title_ok"] = title_ok(r.get("title"), meta.get("title"))
        row["want_title"] = meta.get("title")
        for k, v in (r.get("cand") or {}).items():
            if isinstance(v, str):
                cand_n[k] += 1
                cand_ok[k] += title_ok(v, meta.get("title"))
        pub = (meta.get("publishedTime") or "")[:10]
        row["pub"] = pub
        date = r.get("date") or r.get("text_date") or ""
        row["date"] = date
        row["date_src"] = r.get("date_src") if r.get("date") else (
            "text" if date else "")
        row["date_ok"] = bool(pub) and date == pub
        row["silver"] = silver.get(name, "")
        row["silver_ok"] = bool(row["silver"]) and date == row["silver"]
        if Document:
            ptext, ptitle, secs, err = run_peer(Document, raw)
            peer_s += secs
            row["pp"], row["pr"], row["pf"] = prf(ptext, want)
            row["ptitle_ok"] = title_ok(ptitle, meta.get("title"))
            row["perr"] = err
        rows.append(row)

    n = len(rows)
    print("%-26s %5s %5s %5s | %5s %5s %5s | %-5s %-5s" % (
        "page", "P", "R", "F1", "rP", "rR", "rF1", "title", "date"))
    for row in rows:
        peer = ("%5.3f %5.3f %5.3f" % (row["pp"], row["pr"], row["pf"])
                if Document else "    -     -     -")
        print("%-26s %5.3f %5.3f %5.3f | %s | %-5s %-5s" % (
            row["name"][:26], row["p"], row["r"], row["f"], peer,
            "ok" if row["title_ok"] else "WRONG",
            ("ok" if row["date_ok"] else "WRONG") if row["pub"] else "-"))
        if VERBOSE and not row["title_ok"]:
            print("    title: got %r want %r" % (row["title"], row["want_title"]))
        if VERBOSE and row["pub"] and not row["date_ok"]:
            print("    date: got %r (%s) want %r" % (row["date"], row["date_src"], row["pub"]))

    if Document:
        worse = [r for r in rows if r["f"] < r["pf"] - 0.02]
        print("\npages where newsfs is worse than readability-lxml (F1 lower by > 0.02): %d" % len(worse))
        for r in worse:
            miss, extra = first_missing(r["got"], r["want"])
            why = []
            if r["r"] < r["pr"] - 0.02:
                why.append("missed text (R %.2f vs %.2f)" % (r["r"], r["pr"]))
            if r["p"] < r["pp"] - 0.02:
                why.append("kept boilerplate (P %.2f vs %.2f)" % (r["p"], r["pp"]))
            print("  %-24s F1 %.3f vs %.3f: %s" % (r["name"], r["f"], r["pf"], "; ".join(why)))
            if miss:
                print("      first missing: %r" % miss)
            if extra:
                print("      first extra:   %r" % extra)

    def summary(label, pk, rk, fk):
        mp = sum(r[pk] for r in rows) / n
        mr = sum(r[rk] for r in rows) / n
        mf = sum(r[fk] for r in rows) / n
        f_of_means = 2 * mp * mr / (mp + mr) if mp + mr else 0
        print("%-16s P %.3f  R %.3f  F1(means) %.3f  mean F1 %.3f" % (
            label, mp, mr, f_of_means, mf))

    print("\nbody, %d pages:" % n)
    summary("newsfs", "p", "r", "f")
    if Document:
        summary("readability-lxml", "pp", "pr", "pf")
    tn = sum(1 for r in rows if r["want_title"])
    print("\ntitle right: newsfs %d/%d (%.1f%%)" % (
        sum(r["title_ok"] for r in rows), tn,
        100.0 * sum(r["title_ok"] for r in rows) / tn), end="")
    if Document:
        print(", readability-lxml %d/%d (%.1f%%)" % (
            sum(r["ptitle_ok"] for r in rows), tn,
            100.0 * sum(r["ptitle_ok"] for r in rows) / tn), end="")
    print()
    print("  by source, right/present: " + ", ".join(
        "%s %d/%d" % (k, cand_ok[k], cand_n[k]) for k in sorted(cand_n)))
    dn = sum(1 for r in rows if r["pub"])
    dok = sum(r["date_ok"] for r in rows)
    print("date right on pages with publishedTime: newsfs %d/%d (%.1f%%)"
          " (readability-lxml gives no date)" % (dok, dn, 100.0 * dok / max(dn, 1)))
    sn = sum(1 for r in rows if r["silver"])
    sok = sum(r["silver_ok"] for r in rows)
    if sn:
        print("date right on news pages with a silver date: %d/%d (%.1f%%)" % (
            sok, sn, 100.0 * sok / sn))
    mb = bytes_total / 1e6
    print("\nspeed, %d pages, %.1f MB of HTML, one core:" % (n, mb))
    print("  newsfs            %7.1f pages/s %6.1f MB/s  (decode+parse+metadata+main text)" % (
        n / (us_total / 1e6), mb / (us_total / 1e6)))
    if Document and peer_s:
        print("  readability-lxml  %7.1f pages/s %6.1f MB/s  (parse+summary)" % (
            n / peer_s, mb / peer_s))
        print("  ratio             %7.1fx" % (peer_s / (us_total / 1e6)))


if __name__ == "__main__":
    main()
