#!/usr/bin/env python3
"""Throughput of spaCy's rule Matcher over a crosscheck benchmark corpus.

    python3 bench/spacy/matcher.py CORPUS.jsonl [--mb N] [--n-process K]

CORPUS.jsonl: one article per line with fields `id`, `lang` ("fr" or "en")
and `text` (bench/run.sh generates it with examples/gen-corpus.rs).

Pipelines: spacy.blank("fr") and spacy.blank("en") (tokenizer only, no
model). One spacy.matcher.Matcher per language whose patterns are the trigger
words of crosscheck's default rules, copied from the TRIGGERS= line of
bench/run.sh (multi-word triggers become one {"LOWER": w} per token), plus one
"figure" pattern per language: [{"LIKE_NUM": True}, {"LOWER": {"IN": [single-word
triggers]}}].

Timed (time.perf_counter): reading and JSON-decoding the corpus, tokenising
with nlp.pipe(texts, batch_size=256, n_process=K) and running the matcher on
every doc, counting matches. Building the pipelines and matchers (and
importing spaCy) is not timed. With --n-process > 1 the worker start-up is
inside the timed region (a user pays it too).

By default the matcher runs in the main process on the docs nlp.pipe yields.
With --match-in-workers it is added to each pipeline as a component (count
stored in doc.user_data), so with --n-process > 1 matching also happens in
the worker processes.

--mb N: articles are read in file order until their text reaches N MB (the
last one read may overshoot); without it, the whole corpus.

MB = 10^6 bytes. "text MB" is the UTF-8 size of the `text` fields; "corpus MB"
is the size of the JSONL lines read (what bench/run.sh divides by).
"""
import argparse
import json
import resource
import sys
import time

import spacy
from spacy.language import Language
from spacy.matcher import Matcher

# Copied verbatim from bench/run.sh (TRIGGERS=...). French up to "attaque",
# English from "killed" on.
TRIGGERS = (
    "morts|tués|tuées|perdu la vie|coûté la vie|bilan|blessés|blessées|évacués|"
    "évacuées|évacuation|réfugiés|déplacés|franchi la frontière|blocus|bloqué|"
    "bloquée|assiégé|isolée|peuplée|population|habitants|agression|accuse|"
    "ouvert le feu|attaque|killed|dead|deaths|death toll|died|wounded|injured|"
    "hurt|evacuated|evacuees|evacuation|refugees|displaced|fled|crossed into|"
    "blockade|blockaded|under siege|cut off|home to|inhabited by|aggression|"
    "provocation|opened fire|shelled|struck first"
)


def split_triggers(line):
    words = line.split("|")
    cut = words.index("attaque") + 1
    assert words[cut] == "killed", words[cut]
    return {"fr": words[:cut], "en": words[cut:]}


def build(lang, triggers):
    nlp = spacy.blank(lang)
    matcher = Matcher(nlp.vocab)
    patterns = []
    for t in triggers:
        # Tokenise the trigger with the same tokenizer so that e.g. an
        # elision or hyphen would be split the way the text is.
        toks = [tok.lower_ for tok in nlp.make_doc(t)]
        patterns.append([{"LOWER": w} for w in toks])
    matcher.add("TRIGGER", patterns)
    singles = [t.lower() for t in triggers if len(nlp.make_doc(t)) == 1]
    matcher.add("FIGURE", [[{"LIKE_NUM": True}, {"LOWER": {"IN": singles}}]])
    return nlp, matcher, len(patterns) + 1


def read_corpus(path, mb):
    """Return ({lang: [text]}, articles, text_bytes, corpus_bytes)."""
    limit = None if mb is None else int(mb * 1_000_000)
    texts = {"fr": [], "en": []}
    n = text_bytes = corpus_bytes = 0
    with open(path, "rb") as f:
        for raw in f:
            if limit is not None and text_bytes >= limit:
                break
            if not raw.strip():
                continue
            obj = json.loads(raw)
            lang = obj["lang"]
            if lang not in texts:
                raise SystemExit(f"{obj.get('id')}: unknown lang {lang!r}")
            text = obj["text"]
            texts[lang].append(text)
            n += 1
            text_bytes += len(text.encode("utf-8"))
            corpus_bytes += len(raw)
    return texts, n, text_bytes, corpus_bytes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--mb", type=float, default=None,
                    help="stop after N MB (10^6 bytes) of article text")
    ap.add_argument("--n-process", type=int, default=1,
                    help="n_process for nlp.pipe (default 1, spaCy's default)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--match-in-workers", action="store_true",
                    help="run the matcher as a pipeline component (inside "
                         "the worker processes when --n-process > 1)")
    args = ap.parse_args()

    trig = split_triggers(TRIGGERS)
    pipes = {lang: build(lang, words) for lang, words in trig.items()}
    if args.match_in_workers:
        for lang, (nlp, matcher, _) in pipes.items():
            name = f"count_matches_{lang}"

            def count_matches(doc, matcher=matcher):
                doc.user_data["n_matches"] = len(matcher(doc))
                return doc

            Language.component(name, func=count_matches)
            nlp.add_pipe(name)

    ru0 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    t0 = time.perf_counter()
    texts, n, text_bytes, corpus_bytes = read_corpus(args.corpus, args.mb)
    matches = {"fr": 0, "en": 0}
    docs = 0
    for lang in ("fr", "en"):
        nlp, matcher, _ = pipes[lang]
        for doc in nlp.pipe(texts[lang], batch_size=args.batch_size,
                            n_process=args.n_process):
            if args.match_in_workers:
                matches[lang] += doc.user_data["n_matches"]
            else:
                matches[lang] += len(matcher(doc))
            docs += 1
    secs = time.perf_counter() - t0
    ru1 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = [(b.ru_utime + b.ru_stime) - (a.ru_utime + a.ru_stime) for a, b in zip(ru0, ru1)]
    assert docs == n, (docs, n)

    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    text_mb = text_bytes / 1e6
    corpus_mb = corpus_bytes / 1e6
    total = matches["fr"] + matches["en"]
    print(f"spacy {spacy.__version__}  n_process={args.n_process}  "
          f"batch_size={args.batch_size}  patterns fr={pipes['fr'][2]} "
          f"en={pipes['en'][2]}  matcher in "
          f"{'pipeline component' if args.match_in_workers else 'main process'}")
    print(f"articles     {n} (fr {len(texts['fr'])}, en {len(texts['en'])})")
    print(f"text MB      {text_mb:.3f}")
    print(f"corpus MB    {corpus_mb:.3f}")
    print(f"seconds      {secs:.3f}")
    print(f"MB/s text    {text_mb / secs:.3f}")
    print(f"MB/s corpus  {corpus_mb / secs:.3f}")
    print(f"articles/s   {n / secs:.1f}")
    print(f"matches      {total} (fr {matches['fr']}, en {matches['en']})")
    print(f"CPU s        {cpu[0]:.3f} main process, {cpu[1]:.3f} reaped workers")
    print(f"peak RSS MB  {self_rss:.0f} (main process)")
    if args.n_process > 1:
        print(f"peak RSS MB  {child_rss:.0f} (largest worker)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
