"""The floor: a whole process that parses an N-Triples file with pyoxigraph and discards the triples."""

import sys

import pyoxigraph

count = 0
for _ in pyoxigraph.parse(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_TRIPLES):
    count += 1
print(count)
