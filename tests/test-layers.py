#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The layers of docs/ARCHITECTURE.md hold in the code: every file of
libmysqlbinlog-glib/ has its place in the table there, none includes the
private header of a part in a row above its own, and no include circle
joins two parts.  A new file that has no row yet, or a call the wrong
way, fails here with the file and the include that breaks the rule."""

import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
library = os.path.join(root, 'libmysqlbinlog-glib')


def part(name):
    """'mysql-binlog-run.c' and 'mysql-binlog-run-private.h' are the part
    'run'; a public header declares types only and is no part."""
    for suffix in ('-private.h', '.c'):
        if name.endswith(suffix):
            return name[:-len(suffix)].replace('mysql-binlog-', '')
    return None


def layers():
    text = open(os.path.join(root, 'docs', 'ARCHITECTURE.md'), encoding='utf-8').read()
    section = text.split('## Layers', 1)[1].split('\n## ', 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) != 2 or set(cells[1]) <= set('-'):
            continue
        names = re.findall(r'`([a-z0-9-]+(?:\.c|-private\.h))`', cells[1])
        if names:
            rows.append([part(n) for n in names])
    return rows


def main():
    rows = layers()
    rank = {p: i for i, row in enumerate(rows) for p in row}
    problems = []
    graph = {}
    for name in sorted(os.listdir(library)):
        here = part(name)
        if here is None:
            continue
        if here not in rank:
            problems.append('%s: no row of the Layers table in docs/ARCHITECTURE.md names it'
                            % name)
            continue
        with open(os.path.join(library, name), encoding='utf-8') as f:
            included = re.findall(r'^#include "([^"]+)"', f.read(), re.M)
        for header in included:
            there = part(header)
            if there is None or there == here or not os.path.exists(os.path.join(library, header)):
                continue
            graph.setdefault(here, set()).add(there)
            if there in rank and rank[there] < rank[here]:
                problems.append('%s includes %s: a part of a row above its own' % (name, header))

    # Circles, also between parts of one row.
    state = {}

    def visit(node, path):
        state[node] = 'open'
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 'open':
                problems.append('include circle: %s' % ' -> '.join(path + [nxt]))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])

    if len(rows) < 5 or len(rank) < 30:
        problems.append('the Layers table of docs/ARCHITECTURE.md could not be read (%d rows)'
                        % len(rows))
    for problem in problems:
        print(problem)
    print('%d parts in %d layers, %d includes between parts checked'
          % (len(rank), len(rows), sum(len(v) for v in graph.values())))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
