"""The cross-article rule for officials that docs/officials.md proposes
for the index, applied to rows of build/extract-tsv (dicts with the
columns officials, people, official_keys, people_keys): scripts/eval and
scripts/eval-silver use it with --resolve to measure the design before the
index implements it.

  1. A key is established when some article found an official with it.
  2. A one-word key S (a surname: "President Reagan", "Mr Blair") stands
     for the one two-word key with the word S that the index knows, if
     there is exactly one: among the established keys for a person
     named by surname, among all keys for an established surname.
  3. An article names an official for each of its people whose key, or
     whose surname's key by 2, is established.
"""

import collections


def split_list(s):
    return [x for x in (s or "").split("|") if x]


def resolve(rows):
    established, known = set(), set()
    for r in rows:
        established.update(split_list(r.get("official_keys")))
        known.update(split_list(r.get("official_keys")))
        known.update(split_list(r.get("people_keys")))
    by_word = collections.defaultdict(set)
    for k in known:
        if " " in k:
            for w in k.split():
                by_word[w].add(k)
    # 2: a surname official established stands for its one full key.
    for s in [k for k in established if " " not in k]:
        if len(by_word.get(s, ())) == 1:
            established.update(by_word[s])

    def full_of(s):
        keys = [k for k in by_word.get(s, ()) if k in established]
        return keys[0] if len(keys) == 1 else None

    for r in rows:
        names = split_list(r.get("officials"))
        have = set(split_list(r.get("official_keys")))
        for name, key in zip(split_list(r.get("people")),
                             split_list(r.get("people_keys"))):
            k = key if " " in key else full_of(key)
            if k and k in established and k not in have:
                names.append(name)
                have.add(k)
        r["officials"] = "|".join(names)
