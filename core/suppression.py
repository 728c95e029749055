"""Cell suppression for tables of counts of people, safe against differencing.

A `Model` holds every figure a council member can obtain (cells, by key) and the sums that
tie them together (`relate(total, parts)`: per kind vs total, month vs quarter vs year,
unit vs all units, trained vs not trained within a headcount, a stock and the flow into
it). `protect(model)` returns the cells to hide, as statistical offices do it (the
threshold rule with primary and secondary suppression, tau-argus terms):

- primary: a count of people from 1 to 4 is hidden (0 stays 0);
- secondary: more cells are hidden until no hidden count of people can be computed from
  what is published: not from one sum (a total minus its other parts), not from any linear
  combination of sums, and not by the bounds a reader knows (hidden published cells are
  at least 1, since zeros are shown; counts are at least 0): the least and the greatest
  value a hidden count can take, given everything published, must differ (its protection
  interval, computed by linear programming with SciPy's HiGHS, as tau-argus audits it).

Cells that are never shown (derived: "not trained" = headcount - trained, the flow between
two stocks) are unknown to the reader but still protected when small. A `residual` cell
(what a sum leaves over, e.g. staff of units no longer listed) that is 0 is taken as known:
a reader would assume the parts add up. No Django.
"""

import functools
import hashlib
import pickle
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from scipy.optimize import linprog
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SMALL = 5  # counts of people from 1 to SMALL - 1 are hidden
# Tied cells solved as one linear program up to this many; in a larger group each hidden
# count is solved with up to SLICE_LIMIT cells around it, NEIGHBOURS from each sum.
GROUP_LIMIT = 400
SLICE_LIMIT = 60
NEIGHBOURS = 4


@dataclass
class Cell:
    value: int
    people: bool = True  # a count of persons (small values hidden); False: records
    shown: bool = True  # published somewhere; False: only derivable from other cells
    residual: bool = False  # a relation's remainder: a zero is taken as known
    lower: int | None = 0  # the least value a reader knows it has (None: unbounded)

    @property
    def sensitive(self) -> bool:
        return self.people and 0 < abs(self.value) < SMALL


class Model:
    def __init__(self):
        self.cells: dict = {}
        self.relations: list[tuple] = []  # (total, parts): total = sum(parts)

    def add(self, key, value: int, **flags) -> None:
        self.cells[key] = Cell(int(value), **flags)

    def relate(self, total, parts) -> None:
        parts = tuple(parts)
        if parts:
            self.relations.append((total, parts))

    def merge(self, other: "Model") -> None:
        self.cells.update(other.cells)
        self.relations += other.relations


@dataclass(frozen=True)
class Piece:
    """A piece of a publication that shares no sum with the others, and a digest of what it
    is built from: a publication kept piece by piece builds and protects again only the
    pieces a write changed (None: not kept)."""

    digest: str | None
    build: Callable[[], Model]


def content_digest(value) -> str:
    """A digest of plain values (numbers, strings, dates, tuples, lists, dicts in insertion
    order): pickled, the same content gives the same bytes, and different content never
    does."""
    return hashlib.sha1(pickle.dumps(value, protocol=5), usedforsecurity=False).hexdigest()


def protect(model: Model, cache=None) -> frozenset:
    """The shown cells to hide (primary and secondary).

    Cells that can never be unknown to a reader (figures about records, zeros, a residual
    of 0) are fixed numbers in every sum, so the sums fall apart into parts that share no
    unknown cell, and each part is protected on its own: what is hidden in one never
    changes what a reader can compute in another. With `cache` (get_many and set_many, as
    Django's cache), a part protected before, with the same cells, values and sums, is
    looked up by its digest: a write changes a few parts and leaves the rest."""
    parts, alone = _parts(model)
    # A cell in no sum: hidden when small, nothing else to do.
    hidden = {key for key in alone if model.cells[key].shown and model.cells[key].sensitive}
    found = {} if cache is None else cache.get_many(list(parts))
    computed = {digest: _Protector(parts[digest]).run() for digest in parts if digest not in found}
    if computed and cache is not None:
        cache.set_many(computed)
    return frozenset(hidden.union(*found.values(), *computed.values()))


def can_be_unknown(cell: Cell) -> bool:
    """Whether a reader may not know the cell's value: shown counts of people above 0 can
    be hidden, and cells never shown are unknown unless they are a residual of 0."""
    if cell.shown:
        return cell.people and cell.value > 0
    return not (cell.residual and cell.value == 0)


def _parts(model: Model) -> tuple[dict[str, Model], list]:
    """({digest: part}: the cells and sums tied by cells that can be unknown, each in the
    model's order; the cells that can be unknown and are in no sum)."""
    cells = model.cells
    variable = {
        key: index for index, key in enumerate(k for k, c in cells.items() if can_be_unknown(c))
    }
    relations = [
        relation
        for relation in model.relations
        if relation[0] in cells and any(key in variable for key in (relation[0], *relation[1]))
    ]
    # A graph of sums and the unknown cells in them (sums numbered after the cells).
    rows, columns = [], []
    for number, (total, parts) in enumerate(relations, start=len(variable)):
        for key in (total, *parts):
            if key in variable:
                rows.append(number)
                columns.append(variable[key])
    size = len(variable) + len(relations)
    graph = coo_matrix(([1] * len(rows), (rows, columns)), shape=(size, size))
    _count, labels = connected_components(graph, directed=False)
    by_label: dict = {}
    for number, relation in enumerate(relations, start=len(variable)):
        by_label.setdefault(labels[number], Model()).relations.append(relation)
    alone = []
    for key, index in variable.items():
        part = by_label.get(labels[index])
        if part is None:
            alone.append(key)
        else:
            part.cells[key] = cells[key]
    for part in by_label.values():
        for total, parts in part.relations:
            part.cells.setdefault(total, cells[total])
            for key in parts:
                part.cells.setdefault(key, cells[key])
    return {_digest(part): part for part in by_label.values()}, alone


def _digest(part: Model) -> str:
    cells = [
        (key, c.value, c.people, c.shown, c.residual, c.lower) for key, c in part.cells.items()
    ]
    return content_digest((cells, part.relations))


class _Protector:
    def __init__(self, model: Model):
        self.cells = model.cells
        self.relations = [(t, ps) for t, ps in model.relations if t in self.cells]
        self.equations = [
            ((total, -1), *((part, 1) for part in parts)) for total, parts in self.relations
        ]
        self.member_of = defaultdict(list)
        for index, equation in enumerate(self.equations):
            for key, _coefficient in equation:
                self.member_of[key].append(index)
        self.hidden = {key for key, cell in self.cells.items() if cell.shown and cell.sensitive}
        self.sensitive = {key for key, cell in self.cells.items() if cell.sensitive}
        self._answers: dict = {}

    def unknown(self, key) -> bool:
        cell = self.cells[key]
        if cell.shown:
            return key in self.hidden
        return not (cell.residual and cell.value == 0)

    def run(self) -> frozenset:
        # Bounded: every round hides at least one more cell (or gives up on the cell).
        for _round in range(len(self.cells) + 1):
            derived, stuck = self._close_singletons()
            pinned = stuck or self._pinned(derived)
            if not pinned or not self._repair(pinned):
                break
        return frozenset(self.hidden)

    # -- one sum at a time -------------------------------------------------------------

    def _close_singletons(self) -> tuple[set, list]:
        """Cells a reader computes from one sum whose other cells are known, again and again;
        a small count that would be computed gets a complement hidden instead (`stuck` when
        that sum has none left but holds cells computed from other sums)."""
        missing = [sum(self.unknown(key) for key, _ in equation) for equation in self.equations]
        derived: set = set()
        stuck = []
        queue = deque(index for index, count in enumerate(missing) if count == 1)
        while queue:
            index = queue.popleft()
            if missing[index] != 1:
                continue
            key = next(k for k, _ in self.equations[index] if self.unknown(k) and k not in derived)
            if key in self.sensitive:
                complement = self._best_complement(self.equations[index])
                if complement is not None:
                    self.hidden.add(complement)
                    for other in self.member_of[complement]:
                        missing[other] += 1
                    continue
                if any(k in derived for k, _ in self.equations[index]):
                    stuck.append(key)  # hiding a cell it was derived from may help
                else:
                    # Only zeros and figures about records give it away, and those are
                    # never hidden: no suppression protects it.
                    self.sensitive.discard(key)
            derived.add(key)
            for other in self.member_of[key]:
                missing[other] -= 1
                if missing[other] == 1:
                    queue.append(other)
        return derived, stuck

    def _best_complement(self, equation):
        """A published count of people to hide with it: a larger one gives more room (at
        least SMALL if there is one), the smallest such loses the least."""
        candidates = [
            key
            for key, _ in equation
            if not self.unknown(key)
            and self.cells[key].people
            and self.cells[key].shown
            and self.cells[key].value > 0
        ]
        if not candidates:
            return None
        large = [key for key in candidates if self.cells[key].value >= SMALL]
        if large:
            return min(large, key=lambda key: self.cells[key].value)
        return max(candidates, key=lambda key: self.cells[key].value)

    # -- every sum together, with bounds --------------------------------------------------

    def _pinned(self, derived: set) -> list:
        """Sensitive cells whose value a reader can narrow to one number, from all the sums
        together and the bounds they know: the least and the greatest value each can take
        (linear programs) must differ. A group of cells tied by sums up to GROUP_LIMIT is
        solved whole; in a larger one each sensitive cell is first solved with the cells
        around it and every other cell fixed at its true value. That asks more of the
        pattern than a reader can (they do not know the other hidden values), so room found
        there is room they have; a cell without room there is solved with the whole group."""
        # In the model's order, so that a part protected alone gives what it gives within
        # the whole model, in every process (a set's order changes with its hash seed).
        unknown = [key for key in self.cells if self.unknown(key) and key not in derived]
        pinned = []
        for group in self._groups(unknown):
            targets = [key for key in group if key in self.sensitive]
            if not targets:
                continue
            if len(group) <= GROUP_LIMIT:
                # A group no repair touched keeps its answer from the round before.
                signature = frozenset(group)
                if signature not in self._answers:
                    program = self._program(group)
                    self._answers[signature] = [k for k in targets if self._is_pinned(k, program)]
                pinned += self._answers[signature]
            else:
                members = set(group)

                @functools.cache
                def candidates(index, members=members):
                    keys = [key for key, _ in self.equations[index] if key in members]
                    # Unbounded cells first, then the largest: they give the most room.
                    return sorted(keys, key=self._room_order)

                whole = None
                for key in targets:
                    around = self._around(key, candidates)
                    # Fixed cells enter at their true values: the answer depends on these
                    # cells only, whatever else was hidden since.
                    signature = (key, frozenset(around))
                    if signature not in self._answers:
                        self._answers[signature] = self._is_pinned(key, self._program(around))
                    if not self._answers[signature]:
                        continue
                    # Pinned with the cells around it fixed: ask the whole group.
                    whole = whole or self._program(group)
                    if self._is_pinned(key, whole):
                        # One complement per round in a large group: it may free many
                        # others (a total hidden frees every unit in it).
                        pinned.append(key)
                        break
        return pinned

    def _around(self, key, candidates) -> list:
        """`key` and the unknown cells near it: from each sum it is in, up to NEIGHBOURS
        others (`candidates(sum)`, those that give the most room first), and theirs in
        turn."""
        chosen, frontier = [key], [key]
        seen = {key}
        while frontier and len(chosen) < SLICE_LIMIT:
            following = []
            for cell in frontier:
                for index in self.member_of[cell]:
                    taken = 0
                    for other in candidates(index):
                        if taken == NEIGHBOURS:
                            break
                        if other not in seen:
                            seen.add(other)
                            chosen.append(other)
                            following.append(other)
                            taken += 1
            frontier = following
        return chosen[:SLICE_LIMIT]

    def _room_order(self, key) -> tuple:
        cell = self.cells[key]
        return (cell.lower is not None, -cell.value)

    def _groups(self, unknown: list) -> list[list]:
        """The unknown cells, grouped by the sums that tie them (union-find), in order."""
        parent = {key: key for key in unknown}

        def root(key):
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for equation in self.equations:
            keys = [key for key, _ in equation if key in parent]
            for other in keys[1:]:
                parent[root(other)] = root(keys[0])
        groups = defaultdict(list)
        for key in unknown:
            groups[root(key)].append(key)
        return list(groups.values())

    def _program(self, variables: list):
        """The sums touching `variables` as a sparse system over them, every other cell at
        its value, and their bounds: (index, matrix, constants, bounds), or None."""
        index = {key: position for position, key in enumerate(variables)}
        data, rows, columns, constants = [], [], [], []
        touching = sorted({i for key in variables for i in self.member_of[key]})
        for row, equation in enumerate(self.equations[i] for i in touching):
            constant = 0
            for key, coefficient in equation:
                if key in index:
                    data.append(coefficient)
                    rows.append(row)
                    columns.append(index[key])
                else:
                    constant -= coefficient * self.cells[key].value
            constants.append(constant)
        if not touching:  # tied by no sum: nothing narrows it beyond its bound
            return None
        matrix = coo_matrix((data, (rows, columns)), shape=(len(touching), len(variables)))
        bounds = [(self._least(key), None) for key in variables]
        return index, matrix.tocsr(), constants, bounds

    def _is_pinned(self, key, program) -> bool:
        if program is None:
            return False
        index, matrix, constants, bounds = program
        value = self.cells[key].value
        objective = [0] * len(index)
        objective[index[key]] = 1
        least = _optimum(objective, matrix, constants, bounds)
        if least is not None and least <= value - 1 + 1e-6:
            return False  # it could be one less: not pinned (saves the second program)
        objective[index[key]] = -1
        greatest = _optimum(objective, matrix, constants, bounds)
        return greatest is not None and -greatest < value + 1 - 1e-6

    def _least(self, key):
        cell = self.cells[key]
        return 1 if cell.shown else cell.lower

    def _repair(self, pinned: list) -> bool:
        """Hide one more cell near each pinned one; False when nothing is left to hide."""
        repaired = False
        for key in pinned:
            # Nearest sums first: those holding the cell, then their neighbours'. Each sum
            # is asked once: nothing is hidden during the search, so a sum that offered no
            # complement offers none later either.
            seen, asked, frontier = {key}, set(), [key]
            while frontier:
                nearest = dict.fromkeys(i for k in frontier for i in self.member_of[k])
                equations = [self.equations[i] for i in nearest if i not in asked]
                asked.update(nearest)
                choice = None
                for equation in equations:
                    candidate = self._best_complement(equation)
                    if candidate is not None and (
                        choice is None or self.cells[candidate].value > self.cells[choice].value
                    ):
                        choice = candidate
                if choice is not None:
                    self.hidden.add(choice)
                    repaired = True
                    break
                # Through cells a reader may not know: past a known one, a hidden cell
                # does not change what they compute here.
                frontier = list(
                    dict.fromkeys(
                        k
                        for equation in equations
                        for k, _ in equation
                        if k not in seen and can_be_unknown(self.cells[k])
                    )
                )
                seen.update(frontier)
            else:
                # Nothing published is left around it: only figures about records (never
                # hidden) determine it, so no suppression can protect it.
                self.sensitive.discard(key)
                repaired = True
        return repaired


def _optimum(objective, matrix, constants, bounds):
    """The least value of objective . x with matrix x = constants and the bounds; None when
    unbounded (the cell can grow without limit)."""
    answer = linprog(objective, A_eq=matrix, b_eq=constants, bounds=bounds, method="highs")
    return answer.fun if answer.status == 0 else None


def add_month_ranges(model: Model, months: list[str], key) -> None:
    """Every run of two or more consecutive months within a calendar year that is not a
    quarter or the year, as an unshown cell (`key(first, last)`) summing the months
    (`key(month, month)`): a reader asks for such a range (its total is shown only when
    every month in it is), or computes it as a year minus other months; a small one must
    not be computable either. `months` are "YYYY-MM" keys, in order."""
    by_year: dict = defaultdict(list)
    for month in months:
        by_year[month[:4]].append(month)
    for year_months in by_year.values():
        for start in range(len(year_months)):
            for stop in range(start + 1, len(year_months)):
                run = year_months[start : stop + 1]
                first, last = int(run[0][5:]), int(run[-1][5:])
                if len(run) in (3, 12) and first % 3 == 1 and last == first + len(run) - 1:
                    continue  # a quarter (or the year): a cell of its own
                total = key(run[0], run[-1])
                model.add(total, sum(model.cells[key(m, m)].value for m in run), shown=False)
                model.relate(total, [key(m, m) for m in run])
