"""An attacker of published tables, independent of core.suppression: it knows which atoms
(authorisations, staff counts per unit and month...) each published figure sums, the
published values, and what any reader knows (hidden published figures are at least 1,
since zeros are shown; counts are at least 0; extra inequalities such as "a stock never
falls"). For each hidden figure it computes, by integer programming (SciPy's MILP), the
least and greatest value consistent with all of that."""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


@dataclass
class Attack:
    atoms: list = field(default_factory=list)  # names of the unknowns
    equalities: list = field(default_factory=list)  # ({atom: coefficient}, value)
    inequalities: list = field(default_factory=list)  # ({atom: coefficient}, least)
    lower: dict = field(default_factory=dict)  # atom -> least value

    def atom(self, name, least=0):
        if name not in self.lower:
            self.atoms.append(name)
            self.lower[name] = least
        else:
            self.lower[name] = max(self.lower[name], least)
        return name

    def published(self, terms: dict, value: int) -> None:
        """A published figure: sum(terms) == value."""
        self.equalities.append((terms, value))

    def at_least(self, terms: dict, least: int) -> None:
        self.inequalities.append((terms, least))

    def interval(self, terms: dict) -> tuple[float, float]:
        """The least and greatest value sum(terms) can take (inf when unbounded)."""
        index = {name: position for position, name in enumerate(self.atoms)}

        def row(coefficients):
            vector = np.zeros(len(self.atoms))
            for name, coefficient in coefficients.items():
                vector[index[name]] += coefficient
            return vector

        constraints = []
        if self.equalities:
            matrix = np.array([row(terms) for terms, _ in self.equalities])
            values = np.array([value for _, value in self.equalities], dtype=float)
            constraints.append(LinearConstraint(matrix, values, values))
        if self.inequalities:
            matrix = np.array([row(terms) for terms, _ in self.inequalities])
            least = np.array([value for _, value in self.inequalities], dtype=float)
            constraints.append(LinearConstraint(matrix, least, np.inf))
        bounds = Bounds([self.lower[name] for name in self.atoms], np.inf)
        integral = np.ones(len(self.atoms))
        objective = row(terms)
        low = milp(objective, constraints=constraints, bounds=bounds, integrality=integral)
        high = milp(-objective, constraints=constraints, bounds=bounds, integrality=integral)
        # The published values come from real data, so the system is feasible: a program
        # that finds no optimum is unbounded in that direction.
        least = low.fun if low.status == 0 else -np.inf
        greatest = -high.fun if high.status == 0 else np.inf
        return least, greatest
